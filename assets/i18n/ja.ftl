# backstep の日本語メッセージ（Project Fluent 形式）。en.ftl と同じ id と引数を持つ（テストで確認）。

## area: lang
lang-unknown = { $value } は backstep が話せる言語ではありません：{ $choices } を使ってください

## area: presets
presets-summary-two-layer = Affine → ReLU → Affine → Softmax-with-Loss：本書の TwoLayerNet（小さな版）
presets-summary-mask = NumPy のブール値マスク、ReLU の道具：a = [[1,2,-3],[2,3,4]]、mask = (a <= 0)
presets-summary-relu = 本書の ReLU の例（5 章）：x = [[1.0,-0.5],[-2.0,3.0]]
presets-summary-sigmoid = Sigmoid の順伝播を三つのステップで；逆伝播は保存した y だけを使う
presets-summary-bias-sum = 本書のバイアスの列和（5 章）：dY = [[1,2,3],[4,5,6]] から db = [5,7,9]
presets-summary-affine = Affine レイヤ一つ、バッチ 4：dX、dW、db
presets-summary-softmax = dout を与えた Softmax 単体：逆伝播は行の中で混ざる
presets-summary-softmax-loss = Softmax-with-Loss：本書の y = (0.3, 0.2, 0.5) から y − t = (0.3, −0.8, 0.5)
presets-summary-apple = りんごの買い物：100 × 2 × 1.1 = 220；d apple 2.2、d count 110、d tax 200
presets-summary-apple-orange = 本書の計算グラフ：(100 × 2 + 150 × 3) × 1.1 = 715；d apple 2.2、d orange 3.3、d tax 650
presets-summary-fan-out = f = (x + y) × x：x を二度使うので、勾配は足し合わされる（3 + 5 = 8）
presets-summary-sigmoid-graph = 図 5-19：Sigmoid を ×(−1)、exp、+1、/ のノードで表す；x = −2 のとき y = 0.1192、dx = 0.105 = y(1 − y)
presets-summary-apple-fee = りんごと送料（加算ノード）：(100 × 2 + 50) × 1.1 = 275
presets-summary-dropout = 6 章の Dropout を二つの Affine レイヤの間に：mask = rand > 0.5、rand は SplitMix64 の乱数シード 0 から（NumPy のものではない）
presets-summary-batchnorm = 6 章の Batch Normalization：平均、中心化、分散、標準偏差、x̂、γ ⊙ x̂ + β、逆伝播は 8 つのサブステップ
presets-summary-train-spiral = 学習：CS231n のネットワーク 2 → 100 → 3、3 本腕のスパイラル、SGD 学習率 1.0
presets-summary-train-xor = 学習：2 → 8 → 2 がバッチ全体の勾配降下法で XOR を覚える
presets-summary-train-digits = 学習：本書の TwoLayerNet 64 → 50 → 10、内蔵の 8×8 手書き数字
presets-summary-train-mnist = 学習：ch05/train_neuralnet.py、784 → 50 → 10、MNIST（--data mnist:DIR が必要）
presets-title-two-layer = 二層のネットワーク
presets-title-mask = ブール値のマスク
presets-title-relu = ReLU
presets-title-sigmoid = Sigmoid
presets-title-bias-sum = バイアスの列和
presets-title-affine = バッチの Affine
presets-title-softmax = Softmax
presets-title-softmax-loss = Softmax-with-Loss
presets-title-apple = りんごの買い物
presets-title-apple-orange = りんごとみかん
presets-title-fan-out = 二度使われる値
presets-title-sigmoid-graph = 計算グラフで表す Sigmoid
presets-title-apple-fee = りんごと配送料
presets-title-dropout = Dropout
presets-title-batchnorm = Batch Normalization
presets-title-train-spiral = 渦巻き、3 クラス
presets-title-train-xor = XOR
presets-title-train-digits = 手書き数字、8×8
presets-title-train-mnist = MNIST
presets-title-lab-optimizers = 実験：四つの最適化手法（図 6-9）
presets-title-lab-batchnorm = 実験：Batch Normalization（図 6-19）
presets-title-lab-dropout = 実験：Dropout で過学習を抑える（図 6-23）
presets-description-two-layer = Affine → ReLU → Affine → Softmax-with-Loss：本書の TwoLayerNet、サンプル 2 個、入力 3 個、隠れユニット 4 個、3 クラス
presets-description-mask = NumPy のブール値マスク、ReLU が使う道具：a = [[1,2,-3],[2,3,4]]、c = (a <= 0)、b[c] = 0
presets-description-relu = 本書の ReLU の例（5 章）x = [[1.0, -0.5], [-2.0, 3.0]]：順伝播で [[1, 0], [0, 3]]、逆伝播はマスクを再利用
presets-description-sigmoid = y = 1/(1 + exp(−x)) を三つのステップで計算；逆伝播 dx = dout ⊙ y ⊙ (1 − y) に要るのは保存した y だけ
presets-description-bias-sum = 本書の例（5 章、バッチ版 Affine レイヤ）：X·W = [[0,0,0],[10,10,10]]、b = [1,2,3]；dY = [[1,2,3],[4,5,6]] から db = [5,7,9]、dY の列和（axis=0）
presets-description-affine = 4 サンプルのバッチで Y = X·W + b：dX = dY·Wᵀ、dW = Xᵀ·dY、db = dY の列和（axis=0）
presets-description-softmax = 行ごとの softmax（先に最大値を引く）；逆伝播 dx = y ⊙ (dout − Σ dout ⊙ y) は各行の中で混ざる
presets-description-softmax-loss = Softmax の後に交差エントロピー誤差；逆伝播は (y − t)/N。行 0 が本書の y = (0.3, 0.2, 0.5)
presets-description-apple = 本書の計算グラフ：りんご 100 × 個数 2 × 消費税 1.1 = 220；1 から逆伝播
presets-description-apple-orange = 本書の計算グラフ（図 5-17）：(100 × 2 + 150 × 3) × 1.1 = 715；1 から逆伝播：d apple 2.2、d apple_num 110、d orange 3.3、d orange_num 165、d tax 650
presets-description-fan-out = f = (x + y) × x、x = 3、y = 2：x は二つのノードに入るので、その勾配は足し合わされる：∂f/∂x = 3 + 5 = 8、∂f/∂y = 3
presets-description-sigmoid-graph = 本書の図 5-19：y = 1/(1 + exp(−x)) を基本のノード ×(−1)、exp、+1、/ で表す；逆伝播で dx = y(1 − y)、Sigmoid レイヤと同じ
presets-description-apple-fee = 加算ノード：(りんご 100 × 個数 2 + 配送料 50) × 消費税 1.1 = 275；加算ノードは勾配をそのまま流す
presets-description-dropout = Affine → Dropout → Affine → Softmax-with-Loss：6 章の Dropout、マスクは backstep 独自の生成器（SplitMix64、乱数シード 0）で作る。np.random.seed(0) ではない
presets-description-batchnorm = BatchNorm → Affine → Softmax-with-Loss：6 章の Batch Normalization、バッチ 4、逆伝播は 8 つの小ステップ
presets-description-train-spiral = CS231n の二層ネット（2 → 100 → 3）を 3 本腕の渦巻きで訓練
presets-description-train-xor = 2 → 8 → 2 のネットが普通の勾配降下法で XOR を学ぶ（毎イテレーション全行）
presets-description-train-digits = 本書の TwoLayerNet（64 → 50 → 10）を、backstep 内蔵の手書き数字 1,797 個で
presets-description-train-mnist = ch05/train_neuralnet.py：TwoLayerNet 784 → 50 → 10 を MNIST で（--data mnist:DIR が必要）
presets-description-lab-optimizers = 手書き数字で optimizer_compare_mnist.py：Affine レイヤ五つ（隠れ層四つ、各 100 ノード、ReLU、He の初期値）、SGD、Momentum、AdaGrad、Adam は本書のデフォルト値
presets-description-lab-batchnorm = 手書き数字で batch_norm_test.py：Affine レイヤ六つ（隠れ層五つ、各 100 ノード、ReLU）、重み 0.01·N(0, 1)、訓練データ 1,000 行、SGD 学習率 0.01、20 エポック；隠れ層の各 Affine の後に BatchNorm なし・あり
presets-description-lab-dropout = 手書き数字で overfit_dropout.py：Affine レイヤ七つ（隠れ層六つ、各 100 ノード、ReLU、He の初期値）、訓練データ 300 行、SGD 学習率 0.01、301 エポック；隠れ層の各 ReLU の後に割合 0.2 の Dropout なし・あり
presets-summary-lab-optimizers = 実験（図 6-9）：5 層の ReLU ネットワークで SGD、Momentum、AdaGrad、Adam を比較、手書き数字；backstep compare で
presets-summary-lab-batchnorm = 実験（図 6-19）：6 層ネットワーク、重みの初期値 0.01·N(0, 1)、Batch Normalization なし・ありを比較、手書き数字；backstep compare で
presets-summary-lab-dropout = 実験（図 6-23）：7 層ネットワークは訓練データ 300 行では過学習する；Dropout 0.2 で訓練とテストの認識精度の差が縮まる；backstep compare で

## area: narr
narr-expansion-elided = { $head } + …（全 { $n } 項）… { $last }
narr-matmul-note = 全 { $n } 項：{ $a } の { $r } { $a_line ->
        [column] 列目
       *[row] 行目
    }と { $b } の { $c } { $b_line ->
        [row] 行目
       *[column] 列目
    }の積の和
narr-broadcast-note = { $name } の形状は { $shape }：すべての{ $every ->
        [cell] 要素
        [row] 行
       *[column] 列
    }で同じ { $cell } が使われます（ブロードキャスト）
narr-sum-columns-note = バイアスは{ $rows ->
        [1] ただ一つの行
        [2] 両方の行
       *[other] 全 { $rows } 行
    }に加算されたので、その勾配は { $name } の { $c } 列目の列和です
narr-sum-rows-note = { $name } の { $r } 行目の和
narr-sum-all-note = 1×1 のオペランドがすべての要素にブロードキャストされたので、その勾配はすべての要素の和です
narr-mean-note = 損失はバッチ全体の平均です
narr-mask-test = { $value } { $rule } は { $truth }
narr-mask-relu-true = True：この要素はマスクされます —— ReLU はここで 0 を出力し、勾配を止めます
narr-mask-relu-false = False：この要素は通過します —— ReLU は x を出力し、勾配をそのまま流します
narr-mask-dropout-true = True：この要素は残ります —— Dropout はここで x を出力し、勾配をそのまま流します
narr-mask-dropout-false = False：この要素は消去されます —— Dropout はここで 0 を出力し、勾配を止めます
narr-apply-mask-numbers = { $happened ->
        [masked] マスク → 0（元は { $value }）
        [dropped] 消去 → 0（元は { $value }）
        [kept] 保持 → { $value }
       *[passed] 通過 → { $value }
    }
narr-apply-mask-note = { $happened ->
        [masked] マスク
        [dropped] 消去
        [kept] 保持
       *[passed] 通過
    }：{ $cell } は { $truth }
narr-sub-row-max-note = { $r } 行目の最大値は { $cell }；これを引くと exp のオーバーフローを防げ、softmax の結果は変わりません
narr-cross-entropy-note = 正解クラスだけが t = 1 なので、これは正解の −log y です
narr-column-reduce-note = 全 { $n } 項、{ $c } 列目の各行 n に一項ずつ：順伝播ではどの行にも同じ値が使われたので、その勾配（または統計量）は全行分を集めます
narr-adam-step-note = lr_t = { $lr_t } は、バイアス補正後のこの反復の学習率です
narr-adagrad-step-note = これまで勾配が大きかった（h が大きい）要素ほど、更新幅が小さくなります
narr-cached-read = 順伝播のステップ { $step } でキャッシュした{ $mask ->
        [yes] マスク
       *[no] {""}
    } { $name }
narr-cached-and = { $first } と { $then }
narr-uses-cached = ；ここでは{ $reads }を使います
narr-dout-loss = 逆伝播はここから始まります：損失 L = { $loss }、出発点は ∂L/∂L = 1。
narr-dout-start = { $d }（{ $shape }{ $book ->
        [yes] 、本の dout
       *[no] {""}
    }）が最初の勾配です：L = Σ { $d } ⊙ { $out } とすると、{ $d }[0,0] = { $first } = ∂L/∂{ $out }[0,0]。
narr-dout-arrives = { $name } の{ $book ->
        [yes] { $d }（本の dout = ∂L/∂{ $out }）
       *[no] dout = ∂L/∂{ $out }
    }（{ $shape }）は次のレイヤ { $next } から、その dx として届きます；{ $d }[{ $r },{ $c }] = { $v }：{ $out }[{ $r },{ $c }] を h だけ動かすと、L はおよそ { $v }·h 動きます。
narr-dout-graph-output = 逆伝播はここから始まります：出力 { $name } で、出発点は dout = ∂{ $of }/∂{ $of } = 1。
narr-dout-graph-start = dout（{ $shape }）は出力 { $name } での最初の勾配です：L = Σ dout ⊙ out とすると、dout = ∂L/∂{ $name } = { $value }。
narr-dout-graph-one = dout = ∂{ $of }/∂{ $name } = { $value }、{ $from } から届きます（この入力についての勾配）。
narr-dout-graph-sum = dout = ∂{ $of }/∂{ $name } = { $value }：{ $name } は { $n } 個のノード（{ $from }）に流れるので、その勾配はそれらの和です。
narr-relu-mask = { $k } 個の要素（全 { $n } 要素中）が ≤ 0 で True になります；マスクは逆伝播のために保持されます
narr-relu-apply-small = x をコピーし、True の要素をゼロにします：out = { $out }
narr-relu-apply = x をコピーし、{ $k } 個の True の要素をゼロにします
narr-relu-backward = 順伝播で 0 にされた要素は x が動いても動かないので、その勾配は 0 です：{ $k } 個を遮断（全 { $n } 要素）
narr-affine-xw = X（{ $x }）· W（{ $w }）→ { $xw }：各要素は X の行と W の列の内積です。例えば (X·W)[0,0] = { $first }；X は逆伝播のために保持されます
narr-affine-add-b = b = { $b } は{ $rows ->
        [1] ただ一つの行
        [2] 両方の行
       *[other] 全 { $rows } 行
    }に加算されます（ブロードキャスト）；そのため逆伝播では dY を行方向に合計します。b は 1×{ $h } で表示；NumPy の self.b の形状は ({ $h },)
narr-affine-dx = dY（{ $dy }）· Wᵀ（{ $wt }）→ dX（{ $dx }）：X[n,i] は W の i 行目を通って Y[n,·] に効くので、その勾配は dY[n,·]·W[i,·] を集めます；dX[0,0] = { $first }
narr-affine-dw = Xᵀ（{ $xt }）· dY（{ $dy }）→ dW（{ $dw }）、W と同じ形状；W[i,j] はどの行 n でも X[n,i] と掛けられたので、dW[i,j] は X[n,i]·dY[n,j] のバッチ全体の和です（dY は本の dout）
narr-affine-db = b は{ $rows ->
        [1] ただ一つの行
        [2] 両方の行
       *[other] 全 { $rows } 行
    }に加算されたので、db は dY を行方向（axis=0）に合計したもの：列ごとに一つの合計、{ $db }。db は 1×{ $h } で表示；NumPy の np.sum(dout, axis=0)（dY は本の dout）の形状は ({ $h },)
narr-softmax-sub-max = 各行からその行の最大スコアを引きます：exp はもうオーバーフローせず、softmax の結果は変わりません
narr-softmax-exp = どの要素も (0, 1] に入り、各行の最大の要素はちょうど 1 です
narr-softmax-row-sum = 行ごとに一つの和（N×1 の列）：s[0] = { $first }
narr-softmax-div = 各行の和が 1 になりました：y の 0 行目 = { $row }；y は逆伝播のために保持されます
narr-softmax-back-p = 行のどの出力もその行のすべての入力に依存するので、行の勾配は混ざり合います
narr-softmax-back-sum = sum_p[n] = Σₖ dout[n,k]·y[n,k]、行全体で共有される部分；sum_p[0] = { $first }
narr-softmax-back-sub = 各要素から行で共有される部分を引きます
narr-softmax-back-dx = ヤコビ行列 diag(y) − y·yᵀ を作らずに dout に掛けたもの；dx[0,0] = { $first }
narr-loss-log = 1e-7 を足すのは log(0) = −inf を避けるためです
narr-loss-rows = t が各行で正解クラスの対数確率を選びます：ℓ = { $l }；{ $n }×1 で表示、NumPy の l の形状は ({ $n },)
narr-loss-mean = 損失は{ $rows ->
        [1] ただ一つの行
        [2] 両方の行
       *[other] 全 { $rows } 行
    }の平均です：L = { $loss }{ $below_zero ->
        [yes] （0 を下回るのは本の 1e-7 のためだけです：y が 1 のとき −log(y + 1e-7) = −log(1.0000001) ≈ −1e-7）
       *[no] {""}
    }；1×1 で表示、NumPy の self.loss はスカラーです
narr-loss-back-error = softmax と交差エントロピー誤差を合わせると y − t に簡約されます：各確率の誤差
narr-loss-back-div = L は N = { $n } 行の平均なので、各行の勾配を N で割ります
narr-node-partial = { $shared ->
        [yes] ；{ $node } を通る ∂{ $of }/∂{ $name }（一つの経路）= { $v }：{ $name } はほかのノードにも流れ、その合計はすべての経路の和です
       *[no] ；∂{ $of }/∂{ $name } = { $v }
    }
narr-sigmoid-exp = e[0,0] = { $expr } = { $first }
narr-sigmoid-add-one = すべての要素に 1 を足します
narr-sigmoid-out = y = 1/(1 + exp(−x))、0 と 1 の間の値；y[0,0] = { $first }；y は逆伝播のために保持されます
narr-sigmoid-back-u = 逆伝播に必要なのは出力 y だけで、x は要りません
narr-sigmoid-back-g = 局所的な微分 ∂y/∂x = y(1 − y)、最大で 0.25（x = 0 のとき）；g[0,0] = { $first }
narr-sigmoid-back-dx = 連鎖律を要素ごとに：dx = dout · ∂y/∂x；dx[0,0] = { $dout } · { $g } = { $first }
narr-tanh-out = y = tanh(x)、−1 と 1 の間の値；y[0,0] = { $expr } = { $first }；y は逆伝播のために保持されます
narr-tanh-back = ∂tanh(x)/∂x = 1 − tanh(x)² = 1 − y²、最大で 1（x = 0 のとき）；dx[0,0] = { $dout } · (1 − { $y }²) = { $first }
narr-exp-out = { $out }[0,0] = { $expr } = { $first }；exp の微分は exp 自身なので、{ $out } は逆伝播のために保持されます
narr-exp-back = ∂exp({ $x })/∂{ $x } = exp({ $x }) = { $out }、よって { $dx } = dout · { $out }；{ $dx }[0,0] = { $dout } · { $kept } = { $first }{ $partial }
narr-log-out = 自然対数；{ $out }[0,0] = { $expr } = { $first }；{ $x } は逆伝播のために保持されます
narr-log-back = ∂log({ $x })/∂{ $x } = 1/{ $x }、よって { $dx } = dout / { $x }；{ $dx }[0,0] = { $dout } / { $kept } = { $first }{ $partial }
narr-reciprocal-out = { $out }[0,0] = { $expr } = { $first }；{ $out } は逆伝播のために保持されます
narr-reciprocal-back = ∂(1/{ $x })/∂{ $x } = −1/{ $x }² = −{ $out }²、よって { $dx } = −dout · { $out }²；{ $dx }[0,0] = −{ $dout } · { $y }² = { $first }{ $partial }
narr-mul-out = { $x0 } × { $y0 } = { $first }；{ $x } は逆伝播のために保持されます（{ $dy } に必要）
narr-mul-back-dx = 乗算ノードは入力を「ひっくり返し」ます：{ $x } の勾配は dout にもう一方の因子 { $y } を掛けたもの：{ $dout } × { $y0 } = { $first }{ $partial }
narr-mul-back-dy = { $y } の勾配は dout に { $x } を掛けたもの：{ $dout } × { $x0 } = { $first }{ $partial }
narr-mul-back-sum = { $y } は 1×1 で、すべての要素に使われたので、その勾配はそれらの和です：{ $dy } = { $value }{ $partial }
narr-add-out = { $x0 } + { $y0 } = { $first }
narr-add-back-dx = 加算ノードは勾配をそのまま流します：∂{ $sum }/∂{ $x } = 1{ $partial }
narr-add-back-sum = { $y } は 1×1 で、すべての要素に足されたので、その勾配は dout の総和です：{ $value }{ $partial }
narr-add-back-dy = { $y } にも同じく：∂{ $sum }/∂{ $y } = 1{ $partial }
narr-fan-in-total = { $name } は { $n } 個のノードに流れるので、その勾配は各経路から戻ってくる値を足し合わせます：合計 ∂{ $of }/∂{ $name } = { $terms } = { $total }
narr-fan-in-so-far = { $name } は { $n } 個のノードに流れるので、その勾配は各経路から戻ってくる値を足し合わせます：ここまでで { $acc } + { $g } = { $total }
narr-dropout-test = テスト時は何も削除しません；すべての要素に 1 − { $ratio } = { $keep } を掛けます。これは訓練時に平均して残った割合です
narr-dropout-mask = { $k } 個の一様乱数（全 { $n } 個中）が > { $ratio } で True になります：それらの要素は残されます（ReLU のマスクとは逆で、ReLU では True がゼロにされた要素を表します）。乱数は backstep 独自の生成器 SplitMix64（乱数シード { $seed }）によるもので、np.random.seed({ $seed }) ではありません：NumPy では別の数が出ます。マスクは逆伝播のために保持されます
narr-dropout-apply = True の要素を残し、{ $k } 個の False の要素をゼロにします
narr-dropout-back-test = 順伝播ですべての要素に 1 − ratio を掛けたので、逆伝播でもすべての勾配に同じ値を掛けます
narr-dropout-back = 削除された要素は出力に届かなかったので、その勾配は 0 です：{ $k } 個を遮断（全 { $n } 要素）

## area: explorer
keys-explore-next-step = 次のステップ
keys-short-step = ステップ
keys-explore-prev-step = 前のステップ
keys-explore-first-step = 最初のステップ
keys-explore-last-step = 最後のステップ
keys-explore-forward-start = 順伝播の先頭へ
keys-explore-backward-start = 逆伝播の先頭へ
keys-short-backward = 逆伝播
keys-explore-focus-next = 次の行列ペインへ
keys-short-pane = ペイン
keys-explore-focus-prev = 前の行列ペインへ
keys-explore-up = セルのカーソルを上へ
keys-explore-down = セルのカーソルを下へ
keys-explore-left = セルのカーソルを左へ
keys-explore-right = セルのカーソルを右へ
keys-short-cell = セル
keys-explore-confirm = 選んだセルを説明する（各項とその値）
keys-short-explain = 説明
keys-explore-more-decimals = 小数を 1 桁増やす
keys-explore-fewer-decimals = 小数を 1 桁減らす
keys-explore-toggle-graph = グラフ表示：計算グラフ全体、またはこのレイヤを本の図として；Tab で辺を選び、Enter で説明
keys-short-graph = グラフ
keys-explore-check = 勾配確認：誤差逆伝播法と数値微分の比較と、それぞれの計算量（裏で実行；Esc で中止）
keys-short-check = 勾配確認
keys-explore-page-up = 選んだ行列でカーソルを 1 ページ上へ
keys-explore-page-down = 選んだ行列でカーソルを 1 ページ下へ
keys-explore-row-start = カーソルを行の最初の列へ
keys-explore-row-end = カーソルを行の最後の列へ
keys-explore-edit = x、W、b、w、t、dout の選んだセルを書き換える（one-hot の t ではクラスを入力）；すべて計算し直す
keys-short-edit = 編集
keys-explore-open-picker = プリセットを選ぶ：組み込み、ここにある .toml、または入力したパス
keys-short-presets = プリセット
keys-explore-nudge = x、W、b、w または順伝播の出力の選んだセルを h だけ動かす：実際の変化 と 勾配 × h を比べる
keys-short-nudge = 微動
keys-explore-nudge-smaller = 微動：h ÷ 10 で再計算
keys-explore-nudge-larger = 微動：h × 10 で再計算
keys-explore-quiz = クイズモード：逆伝播の各ステップで、表示される前にセルの値を入力する
keys-short-quiz = クイズ
keys-explore-toggle-shapes = Affine のステップの形状の計算：どの積なら形状が合うか
keys-short-shapes = 形状
keys-explore-jacobian = このレイヤのヤコビ行列 ∂out/∂x と、dout·J を dx と並べて
keys-short-jacobian = ヤコビ
keys-explore-toggle-numpy = 各ステップの NumPy の行を表示／非表示
keys-explore-open-training = このプリセット（[train] のあるもの）の学習画面；学習済みならその続きへ
keys-explore-export = このステップを Markdown でここの backstep-<preset>-step-<k>.md に書き出す（既存のファイルは上書きしない：-2、-3、…）
keys-short-export = 書き出し
keys-any-help = このヘルプ
keys-short-help = ヘルプ
keys-explore-back = 微動を消す；でなければ、この反復を開いた学習画面へ戻る（Esc で終了はしない）
keys-any-quit = 終了
keys-short-quit = 終了
keys-train-run-pause = 学習を実行／一時停止
keys-short-run-pause = 実行/停止
keys-train-one-iteration = 1 回だけ反復する（先に一時停止）
keys-train-lr-up = 学習率を 1-2-5 で 1 段上げる（0.1 → 0.2 → 0.5 → 1）
keys-short-lr = 学習率
keys-train-lr-down = 学習率を 1-2-5 で 1 段下げる
keys-train-slower = 遅く（決定境界ができる様子を見る）：全速 → 毎秒 1000 → 100 → 10 → 1 回の反復
keys-train-faster = 速く：毎秒 1 → 10 → 100 → 1000 回の反復 → 全速
keys-short-speed = 速さ
keys-train-next-optimizer = 次の最適化手法（SGD → Momentum → AdaGrad → Adam）；状態はゼロから始まり、学習率は SGD 0.1（train_neuralnet.py の値；SGD クラス自身の既定値は 0.01）、Momentum と AdaGrad 0.01、Adam 0.001（common/optimizer.py の既定値）
keys-short-optimizer = 最適化
keys-train-restart = 初期の重みと次の乱数シードで反復 0 からやり直す（一時停止）
keys-short-restart = やり直し
keys-train-confirm = これから実行する反復をエクスプローラで開く：そのミニバッチと今の重み、順伝播・逆伝播・更新（Esc でここへ戻る）
keys-short-explore = 見る
keys-train-back = エクスプローラへ戻る（エクスプローラがこの画面を開いたとき；学習はその場で止まる）
keys-quiz-confirm = 答える（相対誤差 1e-3 以内で正解）
keys-short-answer = 答える
keys-quiz-back = この問題を飛ばす
keys-short-skip = 飛ばす
keys-any-backspace = 1 文字消す
keys-prompt-confirm = 入力したものを適用
keys-short-apply = 適用
keys-prompt-back = 取り消す
keys-short-cancel = 取消
keys-picker-up = 前の項目
keys-short-choose = 選ぶ
keys-picker-down = 次の項目
keys-any-page-up = 1 ページ上へ
keys-any-page-down = 1 ページ下へ
keys-picker-first-step = 最初の項目
keys-short-first-last = 最初/最後
keys-picker-last-step = 最後の項目（パスを入力…）
keys-picker-confirm = プリセットを読み込む
keys-short-load = 読込
keys-picker-back = プリセット選択を閉じる
keys-check-focus-next = 次のテンソル（行列は誤差が最大のセルで）
keys-short-tensor = テンソル
keys-check-focus-prev = 前のテンソル（行列は誤差が最大のセルで）
keys-check-up = 行列のセルを上へ（注記ではスクロール）
keys-check-down = 行列のセルを下へ（注記ではスクロール）
keys-check-left = 行列のセルを左へ
keys-check-right = 行列のセルを右へ
keys-check-page-up = 行列（または注記）を 1 ページ上へ
keys-check-page-down = 行列（または注記）を 1 ページ下へ
keys-check-next-over-tolerance = 相対誤差が許容値を超える次のセル（全テンソルを順に）
keys-short-next-over = 次の超過
keys-check-nudge-smaller = h ÷ 10 で勾配確認をやり直す
keys-short-h = h
keys-check-nudge-larger = h × 10 で勾配確認をやり直す
keys-check-confirm = 注記（数値の意味、誤差が大きくなりうる理由、各方法の計算量）または行列を表示
keys-short-notes = 注記
keys-check-back = 勾配確認を閉じる
keys-short-close = 閉じる
keys-checking-back = 実行中の勾配確認を中止
keys-jacobian-up = J を上へスクロール
keys-short-scroll = スクロール
keys-jacobian-down = J を下へスクロール
keys-jacobian-left = J を左へスクロール
keys-jacobian-right = J を右へスクロール
keys-jacobian-page-down = J の次のブロック（64 セルを超えるレイヤは 1 行分のブロックを表示）
keys-short-block = ブロック
keys-jacobian-page-up = J の前のブロック
keys-jacobian-back = ヤコビ行列を閉じる
keys-help-up = 上へスクロール
keys-help-down = 下へスクロール
keys-help-back = ヘルプを閉じる
keys-note-back = 閉じてステップを見る
keys-group-step = 記録したステップを順に見る
keys-group-look = 詳しく見る
keys-group-move = 大きな行列の中を移動
keys-group-change = 数値を変える
keys-group-aids = 学習の助け
keys-group-general = 全般
keys-context-explore = エクスプローラ
keys-context-quiz = クイズの問題で
keys-context-prompt = 入力欄で（セルの編集、パスの入力）
keys-context-picker = プリセット選択で
keys-context-help = このヘルプで
keys-context-check = 勾配確認で
keys-context-checking = 勾配確認の実行中
keys-context-jacobian = ヤコビ行列の表示で
keys-context-note = 説明・答え・エラーの表示で
keys-context-train = 学習画面で
keys-mouse = セルをクリック：そのペインを選び、カーソルをそこへ
keys-in-a-popup = ポップアップで
keys-popup-line = { $context }：{ $keys }
keys-mouse-key = マウス
explorer-graph-keys = { $edge } 辺  { $explain } 説明  { $matrices } 行列
explorer-help-title = キー — { $keys }
explorer-quiz-score = 得点 { $score }
explorer-quiz-stays-on = { $keys }（クイズは続く；{ $quiz } で終わる）
explorer-picker-builtin = 組み込み · { $summary }
explorer-picker-file-shadows = ここにあるファイル（同じ名前の組み込みは上に）
explorer-picker-file = ここにあるファイル
explorer-picker-type-path = パスを入力…
explorer-picker-title-window = プリセット { $first }–{ $last }（全 { $listed } 個）
explorer-picker-title = プリセット
explorer-edit-title = 編集
explorer-loading-reading = { $name } を読み込み中…
explorer-loading-close = 閉じると待つのをやめる；今のプリセットはそのまま
explorer-loading-title = 読み込み中
explorer-error-title = エラー
explorer-no-steps = 記録されたステップがない
explorer-phase-forward = 順伝播
explorer-phase-backward = 逆伝播
explorer-phase-update = 更新
explorer-header-step = ステップ { $k }/{ $n }
explorer-header-layer = レイヤ
explorer-header-quiz-on = クイズ中
explorer-header-quiz-off = クイズ終了
explorer-header-nudge = { $target } を { $h } 動かす
explorer-header-formula = 式
explorer-header-op = 演算
explorer-pane-param = パラメータ
explorer-pane-targets = 教師データ
explorer-pane-step = ステップ { $k }
explorer-pane-forward = 順伝播
explorer-pane-starting-gradient = 最初の勾配
explorer-pane-from = { $source } から
explorer-pane-sum-from = { $sources } からの和
explorer-pane-from-backward = 逆伝播から
explorer-pane-optimizer-state = 最適化手法の状態
explorer-pane-before-update = 更新前
explorer-pane-new-value = ステップ { $k } の新しい値
explorer-pane-input = 入力
explorer-pane-read-as = { $name } として読む
explorer-pane-node-output = ノードの出力
explorer-pane-written = 書き込み
explorer-window-rows-cols = 行 { $rows } 列 { $cols }
explorer-window-rows = 行 { $rows }
explorer-window-cols = 列 { $cols }

## area: report
# trace：テキストと Markdown
report-phase = { $phase ->
    [forward] 順伝播
    [backward] 逆伝播
   *[update] 更新
}
report-phase-heading = { $phase ->
    [forward] 順伝播
    [backward] 逆伝播
   *[update] パラメータの更新
}
report-md-phase = { $phase ->
    [forward] 順伝播
    [backward] 逆伝播
   *[update] パラメータの更新
}
report-graph-pipeline = ノードの計算順：{ $nodes }
report-result-heading = 結果
report-loss = 損失 L = { $loss }
report-loss-before-update = 損失 L = { $loss }（更新の前）
report-trace-loss-meaning = L は下の更新ステップより前の、このミニバッチの損失です。`backstep train` は各ミニバッチの更新後の損失を記録する（本書の train_loss_list）ので、イテレーション 0 の損失はこれと異なります
report-step = ステップ { $step }/{ $total }  { $phase }
report-operand-cached = { $name } { $shape }（順伝播のステップ { $step } で保存）
report-reads = 読み取り  { $operands }
report-writes = 書き込み { $name } { $shape } =
report-no-such-step = ステップ { $step } はありません：ステップは全部で { $steps } 個です
report-md-results = 結果
report-md-loss = 損失 L = { $loss }
report-md-loss-before-update = 損失 L = { $loss }（更新の前）
report-md-pipeline = 流れ：{ $pipeline }
report-md-step = ステップ { $step }/{ $total }
report-md-formula = 式：
report-md-reads = 読み取り：
report-md-writes = 書き込み：
report-md-shapes = 形状：
report-md-cached = 、順伝播のステップ { $step } で保存
report-md-graph = 計算グラフ
report-md-graph-legend = 各エッジの上に順伝播の値、下に勾配（逆伝播の後）：
report-graph-after-backward = 逆伝播の後の計算グラフ（エッジの上が値、下が勾配）：
report-graph-input-grads = 各入力についての { $of } の勾配、すべての経路の和（d NAME = ∂{ $of }/∂NAME）：
report-graph-edge-partials = 各エッジに沿った偏微分（値 → ノード：そのノードだけを通る ∂{ $of }/∂値）：
report-graph-one-path = { $node } を通る ∂{ $of }/∂{ $input }（経路の一つ）
report-graph-param-grads = パラメータの勾配（∂{ $of }/∂パラメータ）：

# check：テキスト
report-check-title = 勾配確認 — { $preset }（h = { $h }、許容誤差 { $tolerance }）
report-check-legend-relative = 相対誤差 = |a − n| / max(|a|, |n|, 下限)、a = 誤差逆伝播法、n = 数値微分
report-check-legend-floor = 下限 = { $floor }：L = { $loss } の計算は約 ±{ $rounding } の精度なので（丸め誤差、演算ごとに ε = 2.2e-16）、h = { $h } での中心差分の精度は約 ±{ $noise } です。{ $floor } より小さい勾配はこの h では絶対差で比べます（|a − n| ≤ { $noise } なら合格：丸め誤差だけでもその差は生じうる）
report-check-col-tensor = テンソル
report-check-col-shape = 形状
report-check-col-abs = 最大 |a − n|
report-check-col-rel = 最大相対誤差
report-check-col-worst = 誤差最大の要素
report-check-ok = 合格
report-check-fail = 不合格
report-check-numerical = 数値微分：{ $cells } 要素 × 2 = 順伝播 { $passes } 回、{ $time }
report-check-backprop = 誤差逆伝播法：順伝播 1 回 + 逆伝播 1 回で { $time }、{ $speed }
report-check-faster = 数値微分より { $times } 倍速い
report-check-as-fast = 数値微分とほぼ同じ速さ
report-check-slower = 数値微分より { $times } 倍遅い（この大きさでは固定のコストが支配的）
report-check-pass = 合格：すべての相対誤差 ≤ { $tolerance }
report-check-failed = 不合格：最大相対誤差 { $error } > 許容誤差 { $tolerance }
report-check-note = 注：

# train：テキスト
report-train-data = データ { $name }：訓練データ { $train } 行、テストデータ { $test } 行、特徴量 { $features } 個、{ $classes } クラス
report-train-settings = { $optimizer } 学習率 { $lr }、バッチ { $batch }、{ $iters } イテレーション（エポックあたり { $per_epoch }）、乱数シード { $seed }
report-train-all-rows = { $rows }（全行）
report-train-loss-meaning = 損失 = 各ミニバッチの更新後の損失（本書の train_loss_list）
report-train-epoch = イテレーション { $iter }  損失 { $loss }  train acc, test acc | { $train }, { $test }
report-train-final = 最終  損失 { $loss }（最後のミニバッチ、更新後）  訓練データの認識精度 { $train }  テストデータの認識精度 { $test }
report-train-epochs-shown = エポックは 1/{ $stride } ごとと、全 { $total } 個の最後だけを表示；--all-epochs ですべて表示
report-train-rate = { $rate } it/s  残り約 { $left }
report-train-no-rate = – it/s
report-train-seconds = { $s } 秒
report-train-minutes = { $min } 分 { $s } 秒
report-train-hours = { $h } 時間 { $min } 分
report-train-bar-unit = イテレーション

# コマンドラインとプリセットのエラー
preset-builtin-source = 組み込みプリセット "{ $name }"
cli-not-positive = { $flag } は正の数でなければなりません：{ $value } が与えられました
cli-bad-threads = BACKSTEP_THREADS={ $value } はスレッド数ではありません：1 から 1024 の整数を指定するか、設定を外してすべてのコアを使ってください
cli-misplaced-flag = サブコマンド '{ $command }' は '{ $flag }' と一緒に使えません
cli-misplaced-flag-before = サブコマンド '{ $command }' の前に '{ $flag }' は置けません。後ろに置きます：backstep { $command } { $flag } …
cli-nothing-to-train = { $preset } には [train] セクションがないので、訓練するものがありません：train-spiral、train-xor、train-digits、train-mnist か、[train] のあるプリセットを使ってください
# 学習の補助：形状の計算
lesson-shapes-forward = X (N×D) · W (D×H) → Y (N×H)；ここでは X ({ $n }×{ $d }) · W ({ $d }×{ $h }) → Y ({ $n }×{ $h })
lesson-shapes-product = X (N×D) · W (D×H) → Y (N×H)：内側の大きさ D は一致しなければならず、積では消える
lesson-shapes-bias = X·W (N×H) + b (1×H) → Y (N×H)：b はブロードキャストされ、N 行のそれぞれに足される
lesson-shapes-bias-here = X·W ({ $n }×{ $h }) + b (1×{ $h }) → Y ({ $n }×{ $h })：b は { $n } 回使われる
lesson-shapes-db = Y = X·W + b は同じ b (1×H) を Y (N×H) の N 行のそれぞれに足した
lesson-shapes-db-here = db は b と同じ 1×H = 1×{ $h } でなければならない；dY は N×H = { $n }×{ $h } なので、dY を N 行について足し合わせる
lesson-shapes-must-be = { $target } は { $of } と同じ { $sym }（{ $size }）でなければならない：勾配は、その勾配をとる対象と同じ形状をもつ
lesson-shapes-at-hand = dY は N×H；ほかに手もとにある行列は X (N×D) と W (D×H) だけ
lesson-shapes-none-fits = 形状の合う積がない（起こらないはず）
lesson-shapes-only-fit = 形状の合う積は { $product } だけ：{ $target } = { $product }
lesson-shapes-many-fit = ここではいくつかの大きさが偶然等しいので、形状だけなら { $products } が合う；N、D、H がすべて違えば合うのは { $used } だけ
lesson-shapes-mistake = よくある間違い：dW = W.T · dout
lesson-shapes-inner = { $product }：内側の大きさ { $sizes }（{ $dims }）
lesson-shapes-gives = { $product } は { $got } になるが、{ $target } は { $want } でなければならない
lesson-shapes-fits = 合う：{ $product } → { $got }、{ $of } と同じ { $sym }
lesson-shapes-sum-fits = 合う：1×{ $h }、b と同じ 1×H
lesson-shapes-sum-gives = { $got } になるが、db は 1×{ $h } でなければならない
# clap のヘルプ
cli-about = 誤差逆伝播法を、行列演算ひとつずつステップ実行で見ていきます
cli-after-help = コマンドなしでは、そのプリセット（デフォルト：two-layer）でエクスプローラを開きます。そこで ? を押すとすべてのキーが表示されます。
cli-usage-line = 使い方：{ $usage }
cli-options-heading = オプション
cli-commands-heading = コマンド
cli-presets-about = 組み込みプリセットを一行ずつ一覧表示します
cli-trace-about = プリセットの順伝播と逆伝播のすべてのステップを表示します
cli-check-about = 誤差逆伝播法の勾配を中心差分と比べます（勾配確認）。誤差が許容誤差を超えると終了コード 1 で終わります
cli-train-about = [train] セクションのあるプリセットを訓練し（本書の train_neuralnet.py のループ）、経過を表示します
cli-help-about = このメッセージか、指定したサブコマンドのヘルプを表示
cli-arg-help = ヘルプを表示
cli-arg-version = バージョンを表示
cli-arg-preset = 組み込みプリセットの名前（`backstep presets` を参照）か、.toml プリセットファイルのパス
cli-arg-threads = 計算を分担するコアの数（デフォルト：BACKSTEP_THREADS、なければ使えるすべてのコア）
cli-arg-lang = backstep が書くすべての言葉の言語：en、zh、ja（デフォルト：BACKSTEP_LANG、なければロケールの LC_ALL、LC_MESSAGES、LANG、なければ英語）
cli-arg-trace-format = 出力形式：text（すべてのステップ）、json（docs/cli.md で決めた形式）、markdown（学習ノート）
cli-arg-check-format = 出力形式：text（表）か json
cli-arg-train-format = 出力形式：text、json、csv（訓練画面を開かずに実行）。指定しなければ、標準出力が端末なら訓練画面、そうでなければ text
cli-arg-eps = 中心差分の刻み幅 h
cli-arg-tol = 合格とする最大の相対誤差
cli-arg-data = データセット：digits、spiral、xor、circles、moons、mnist:DIR、preset
cli-arg-iters = イテレーション数（プリセットの iters または epochs の代わり）
cli-arg-batch = ミニバッチの行数（訓練データの行数以上なら：毎イテレーション、全行を順に使う）
cli-arg-lr = 学習率（デフォルト：プリセットの値、なければ最適化手法の値）
cli-arg-optimizer = 最適化手法：sgd、momentum、adagrad、adam
cli-arg-seed = データ、分割、ミニバッチの順序の乱数シード
cli-arg-all-epochs = テキスト出力：すべてのエポックの行を表示（デフォルトは等間隔の約 20 エポックと最後のエポック。JSON と CSV には常にすべてが入る）
cli-arg-default = { $help }（デフォルト：{ $value }）
cli-arg-init = すべての Affine の W の重みの初期値（std:0.01、xavier、he）。形状と乱数シードはそれぞれのまま

## area: ch6a
ch6a-init-unknown = { $value } は重みの初期値ではありません：std:S（0 より大きい標準偏差、例 std:0.01）、xavier（√(1/n)）、he（√(2/n)）のいずれかを使ってください
ch6a-init-needs-generator = init = { $init } は各 Affine の W をその生成器から作り直します（形状と乱数のシードはそのまま）が、この { $field } は値が直接書かれています：生成器にしてください。例 { "{" } random = "normal", shape = [D, H], seed = 1 { "}" }
ch6a-generator-init-unknown = { $field }.init が { $value } です："std"（scale と一緒に）、"xavier"（√(1/n)）、"he"（√(2/n)）のいずれかを使ってください
ch6a-generator-init-scale = { $field }：init = "{ $init }" は scale を自分で決めます（W の行数 n から）：scale を消すか、init = "std" と一緒に使ってください
ch6a-generator-init-normal = { $field }：init = "{ $init }" は正規分布の乱数をスケールします（本の np.random.randn と同じ）：random = "normal" を使ってください

## area: ch6c
ch6c-decay-term-note = λ = { $lambda }：{ $layer } の重み { $key }（{ $shape }）の要素の二乗和に λ を掛けたものの半分、{ $term } を Weight decay（荷重減衰）の項に足します：weight_decay = { $total }
ch6c-decay-loss-note = ネットワークが報告する損失は、データの損失 { $loss } に減衰項 { $decay } を足したものです：{ $total }。大きな重みは損失を増やすので、学習は重みを 0 に引き寄せます
ch6c-decay-grad-note = 減衰項の W に関する勾配は λ·W なので、{ $layer } の dW に W の { $lambda } 倍を足します：dW[0,0] = { $before } + { $lambda }·{ $w } = { $after }。続く更新で、すべての重みが少し 0 に近づきます
ch6c-decay-term-explain = W の { $cells } 個の要素がそれぞれ 0.5·λ·W[i,j]² を足します（λ = { $lambda }）
ch6c-decay-loss-explain = Weight decay を含む損失：データの損失に減衰項を足したもの
ch6c-decay-grad-explain = ∂(0.5·λ·W²)/∂W = λ·W を逆伝播で求めた勾配に足します（λ = { $lambda }）
ch6c-weight-decay-bad = { $key } が { $value } です：Weight decay の λ は 0（減衰なし）以上の数です。例：0.1
ch6c-arg-weight-decay = Weight decay の λ：損失にすべての Affine W の 0.5·λ·ΣW² を足し、各 dW に λ·W を足します（既定：プリセットの値、なければ 0）
ch6c-train-weight-decay = Weight decay λ = { $lambda }：損失にすべての Affine W の 0.5·λ·ΣW² を足し、各 dW に λ·W を足します
ch6c-pane-so-far = ここまで
ch6c-pane-data-loss = データの損失
ch6c-epochs-and-iters = iters と epochs の両方が指定されています：どちらか一方にしてください（epochs = E は E × iter_per_epoch 回の反復を学習します）
ch6c-epochs-too-many = 各 { $per_epoch } 回の反復の { $epochs } エポックは { $max } 回の反復を超えます：エポック数を減らしてください
ch6c-train-rows-too-many = train_rows は { $n } ですが、{ $data } の訓練データは { $rows } 行です：{ $rows } 以下にしてください
ch6c-vary-expects-init = std:S（0 より大きい標準偏差。例：std:0.01）、xavier または he
ch6c-vary-expects-weight-decay = 0（減衰なし）以上の Weight decay の λ（例：0.1）
presets-title-lab-init = 実験：重みの初期値（図 6-15）
presets-title-lab-weight-decay = 実験：Weight decay で過学習を抑える（図 6-21）
presets-description-lab-init = digits で weight_init_compare.py：五つの Affine レイヤ（100 ノードの隠れ層が四つ、ReLU）、SGD lr 0.01、batch 128、2,000 回の反復。すべての W を同じ乱数から標準偏差 0.01、Xavier、He で生成
presets-description-lab-weight-decay = digits で overfit_weight_decay.py：七つの Affine レイヤ（100 ノードの隠れ層が六つ、ReLU、He の初期値）、訓練データ 300 行、SGD lr 0.01、batch 100、201 エポック。Weight decay なしと λ = 0.1
presets-summary-lab-init = 実験（図 6-15）：5 層の ReLU ネットの重みを標準偏差 0.01、Xavier、He で初期化。0.01 は ln 10 付近にとどまり、He は学習する；backstep compare
presets-summary-lab-weight-decay = 実験（図 6-21）：7 層のネットは訓練データ 300 行で過学習する。Weight decay λ = 0.1 で訓練とテストの差が縮まる；backstep compare

## area: ch6b
ch6b-hold-out-too-few = { $data } の訓練データは { $rows } 行しかなく、{ $fraction } を検証データとして取り分けられません
ch6b-vary-unknown-key = 不明なキー "{ $key }"：{ $keys } のどれかを比較してください
ch6b-vary-expects-optimizer = sgd、momentum、adagrad、adam のいずれか
ch6b-vary-expects-lr = 0 より大きい学習率（例：0.01）
ch6b-vary-expects-dropout = 0（Dropout なし）以上 1 未満の Dropout の割合（例：0.2）
ch6b-vary-expects-batch-norm = on か off
ch6b-vary-expects-batch = 1 以上の整数の行数（例：100）
ch6b-vary-bad-value = "{ $value }" はこのキーの値ではありません：{ $expects } を指定してください
ch6b-vary-empty = { $key } の値がありません：= の後に { $key }=V1,V2 のように並べてください
ch6b-vary-empty-value = リストに空の値があります：{ $key } の値はカンマ 1 つで区切ってください
ch6b-vary-twice = { $value } が 2 回指定されています：各値は 1 回だけ並べてください
ch6b-vary-no-equals = "{ $given }" に = がありません：KEY=V1,V2,… の形で書いてください（例：optimizer=sgd,adam）
ch6b-compare-no-vary = { $preset } には [compare] セクションがありません：--vary KEY=V1,V2,… で比較する設定を指定してください
ch6b-compare-no-train = { $preset } には [train] セクションがないので、比較する学習がありません：実験プリセット（lab-optimizers など）か [train] のあるプリセットを使ってください
ch6b-compare-header = { $key } を比較：{ $runs } 回の学習 · データ { $data }：訓練データ { $train } 行、テストデータ { $test } 行 · 各 { $iters } イテレーション · 乱数シード { $seed }
ch6b-col-final-loss = 最終の損失
ch6b-col-train-acc = 訓練の認識精度
ch6b-col-test-acc = テストの認識精度
ch6b-search-no-trials = 少なくとも 1 回は試行してください
ch6b-search-no-epochs = 各試行は少なくとも 1 エポック学習してください
ch6b-search-bad-range = 0 より大きい数を 2 つ、小さい方を先に指定してください（例：{ $example }）
ch6b-search-no-train = { $preset } には [train] セクションがないので、探索する学習がありません：学習プリセット（train-digits など）を使うか、[train] を追加してください
ch6b-search-header = { $trials } 回の試行、各 { $epochs } エポック；訓練データのうち { $validation } 行を検証データに取り分け；検証データの認識精度の高い順
ch6b-search-line = Best-{ $rank }（検証の認識精度：{ $acc }）| 学習率：{ $lr }、Weight decay：{ $decay }
ch6b-search-chance = どの試行も当てずっぽう（{ $classes } 個から 1 個）より良くなりませんでした：{ $preset } 自身は学習率 { $lr } で学習し、探索した範囲の外にあります。その近くを探索してください：--lr { $lo },{ $hi }
ch6b-compare-about = 一つの設定（optimizer、lr、init、weight_decay、dropout、batch_norm、batch）の値ごとに、同じデータ・重みの初期値・ミニバッチで一回ずつ学習して比較する（本書 6 章）
ch6b-arg-vary = 変える設定とその値（例：optimizer=sgd,adam；既定はプリセットの [compare] セクション）
ch6b-arg-compare-format = 出力形式：text、json、csv（画面なしで実行）。指定しないとき：stdout が端末なら比較画面、それ以外は text

## area: conv
conv-inline-matrix = （{ $shape } の行列）
presets-title-conv = 畳み込み
presets-title-conv-stride-pad = 畳み込み、ストライド 2、パディング 1
presets-title-pooling = Max プーリング
presets-title-convnet = SimpleConvNet の勾配確認
presets-title-train-convnet-digits = 手書き数字の CNN、1×8×8
presets-title-train-convnet-mnist = MNIST の SimpleConvNet
presets-description-conv = 7 章の畳み込みを im2col で：1×4×4 の画像（図 7-7 の入力）と 2×2 のフィルター
presets-description-conv-stride-pad = 入力チャンネルとフィルターが二つずつ、ストライド 2、パディング 1：OH = (5 + 2·1 − 3) / 2 + 1 = 3
presets-description-pooling = 2×2 ウィンドウ、ストライド 2：out は各ウィンドウの最大値。左上のウィンドウは同値で、np.argmax は最初のものを選ぶ
presets-description-convnet = ch07/gradient_check.py：SimpleConvNet、1×10×10 の入力、フィルター 10 個 3×3、プーリング 2×2 ストライド 2、隠れ層 10
presets-description-train-convnet-digits = backstep 内蔵の 1,797 個の手書き数字を 1×8×8 画像として学習する小さな SimpleConvNet
presets-description-train-convnet-mnist = ch07/train_convnet.py：SimpleConvNet（Conv フィルター 30 個 5×5、Pool 2×2、Affine 100、Affine 10）を MNIST と Adam で（--data mnist:DIR が必要）
presets-summary-conv = 7 章の畳み込みを im2col で：1×4×4 の画像と 2×2 のフィルター、どのステップも読み切れる大きさ
presets-summary-conv-stride-pad = 2 チャンネル、ストライド 2、パディング 1 の畳み込み：飛ばされるセルと、パディングを読むウィンドウ
presets-summary-pooling = Max プーリング、2×2 ウィンドウ、ストライド 2、同値の最大値あり：np.argmax は最初のものを選ぶ
presets-summary-convnet = ch07/gradient_check.py：1×10×10 → Conv（フィルター 10 個、3×3）→ ReLU → Pool 2×2 → Affine 10 → ReLU → Affine 10；勾配確認が通る
presets-summary-train-convnet-digits = 学習：内蔵の手書き数字を 1×8×8 画像として小さな CNN を学習する
presets-summary-train-convnet-mnist = 学習：本の SimpleConvNet と train_convnet.py、MNIST、Adam、20 エポック（--data mnist:DIR が必要）
conv-layer-who = 第 { $number } 層（{ $name }）
conv-w-shape = W は { $w }（FN×C×FH×FW）：どのフィルターにもセルが必要です
conv-b-shape = b の値は { $values } 個ですが W は { $w } です：b はフィルターごとにひとつ、{ $filters } 個の値が必要です
conv-stride-zero = ストライドが 0 です：ウィンドウは少なくとも 1 ずつ動く必要があります
conv-needs-image = 畳み込み層は 4 次元の入力 N×C×H×W が必要ですが、ふつうの行列を受け取りました（W は { $w }）：x を N×C×H×W（四重の入れ子のリスト、または shape = [N, C, H, W]）で与えてください
conv-channels = W は { $w }（FN×C×FH×FW）ですが入力は { $x }（C×H×W）です：フィルターのチャンネルは { $filter }、入力は { $input } で、一致する必要があります
conv-too-small = W は { $w }（FN×C×FH×FW）ですが入力は { $x }（C×H×W）です：pad = { $pad }（ストライド { $stride }）ではフィルターが入力に収まりません。小さなフィルターか多めのパディングを使ってください
conv-resolved = 入力は { $x } ですが、この層は { $was } 用に設定されています
conv-columns = 入力の列は { $d } ですが、{ $x } の画像は { $cells } セルです
conv-count = { $key } は 0 以上の整数でなければなりません（{ $found } が与えられました）
conv-size = { $key } は 1 以上の整数でなければなりません（{ $found } が与えられました）
conv-tensor-shape = { $field }：4 次元の形状は四つの正の整数 [N, C, H, W] です
conv-tensor-ragged = { $field }：サンプル { $n } の形状がほかと違います。どのサンプルも、W 個の数の行を H 行持つリストが C 個必要です
conv-tensor-depth = { $field } のリストは { $depth } 重の入れ子です：行列（二重）か 4 次元テンソル N×C×H×W（四重）を与えてください
conv-w-not-4d = { $key } は { $shape } です：畳み込み層の { $key } は 4 次元の FN×C×FH×FW です（四重の入れ子のリスト、または shape = [FN, C, FH, FW]）
conv-im2col-note = im2col は { $fh }×{ $fw } のウィンドウ（x は { $x }、ストライド { $stride }、パディング { $pad }）をそれぞれ行に展開します：画像ごとに { $oh }×{ $ow } ウィンドウなので col は { $rows }×{ $cols }、畳み込みは行列の積ひとつになります
conv-col-w-note = W（{ $w }）を col_W（{ $rows }×{ $cols }）に：各フィルターを列に展開するので、col · col_W ですべてのウィンドウにすべてのフィルターが掛かります
conv-product-note = col · col_W + b → { $rows }×{ $cols }：各セルはウィンドウとフィルターの内積（{ $terms } 個の積）にそのフィルターの b を足したもの、col の行に対する Affine です；out2d[0,0] = { $first }
conv-to-image-note = 行 (n, oh, ow) と列（フィルターごとの列）を本の N×C×H×W の順に戻します：out は { $out }
conv-dout-2d-note = dout を col · col_W の並びに戻します：ウィンドウごとの行（{ $rows }）、フィルターごとの列（{ $cols }）
conv-db-note = b はすべてのウィンドウの行に足されたので、db は dout2d の { $rows } 行の和です：フィルターごとの合計（{ $filters }）
conv-dw-note = colᵀ · dout：フィルター f は col のすべてのウィンドウの行と出会ったので、その勾配は { $windows } 個すべてのウィンドウにわたる col[r,·]·dout[r,f] の和です
conv-dw-reshape-note = 転置して W の形状 { $w } に戻します
conv-dcol-note = dout · col_Wᵀ → dcol（{ $rows }×{ $cols }）：col の各セルの勾配、ウィンドウごとの行
conv-col2im-note = col2im は dcol の各セルを、コピー元の x のセルに足し戻します。複数のウィンドウに含まれるセルはそれらすべての勾配を集めます：dx は { $x }
conv-jacobian = 疎で繰り返し：out[n,f,i,j] はその下にある x の { $channels }×{ $fh }×{ $fw } ウィンドウにだけ、フィルター f を通して依存します。近道 dx = col2im(dout · col_Wᵀ) はすべてのウィンドウのフィルターを一度に掛けます
conv-col-place = col の行 { $row } は ({ $oy }, { $ox }) のウィンドウ（画像 { $n }）、列 { $col } はチャンネル { $channel } のウィンドウ内セル ({ $ky }, { $kx }) です
conv-col-copy = { $place }：{ $source } のコピー
conv-col-pad = { $place }：パディング（pad = { $pad }）の上にあるので、パディングの 0 です
conv-out-cell = col の行 { $row }（ウィンドウ）と col_W の列 { $filter }（フィルター { $filter }）の内積：{ $terms } 個の積に b[{ $filter }] を足したもの
conv-transpose-cell = 転置：このセルは { $source } から
conv-reshape-cell = reshape は NumPy の順序を保ちます：これは { $index } 番目の値 { $source }
conv-to-image-cell = 画像 { $n }、チャンネル { $channel }、位置 { $position }：{ $source } から
conv-from-image-cell = 行 { $row }（ウィンドウの位置）、チャンネル { $channel }：{ $source } から
conv-col2im-cell = { $target } は col の { $count } 個のセル（それを含むウィンドウごと）にコピーされました。col2im はそれらの勾配を足します（{ $nonzero } 個が 0 以外）
conv-col2im-none = { $target } を含むウィンドウはありません（ストライドで飛ばされます）。勾配は 0 です
pool-zero = pool_h、pool_w、ストライドは 1 以上でなければなりません
pool-needs-image = プーリング層は 4 次元の入力 N×C×H×W が必要ですが、ふつうの行列を受け取りました：畳み込み層の後に置くか、x を N×C×H×W で与えてください
pool-too-small = { $window } ウィンドウは入力 { $x }（C×H×W、ストライド { $stride }）に収まりません
pool-rows-note = col をウィンドウとチャンネルごとの行に変形：{ $rows }×{ $cols }
pool-argmax-note = 各行の最大値の位置（np.argmax は同値なら最初のもの）。ReLU のマスクのように逆伝播のために保存します
pool-max-note = { $rows } 行それぞれの最大値：Max プーリングの出力です
pool-dout-note = col の行の順に並べた dout：{ $rows }×{ $cols }、ウィンドウとチャンネルごとの値
pool-dmax-note = dmax（{ $rows }×{ $cols }）：各行は argmax の位置にそのウィンドウの dout、ほかは 0。ReLU のマスクと同じく、最大値だけが勾配を流します
pool-dcol-note = dmax を col の並びに変形：{ $rows }×{ $cols }
pool-col2im-note = col2im は dcol の各セルを元の x のセルに足し戻します：x のセルは、自分が最大値だった各ウィンドウの dout を受け取り、それ以外は 0 です；dx は { $x }
pool-jacobian = 選択：各出力セルは { $window } ウィンドウのセルひとつ（最初の最大値）をコピーするので、dx は argmax のセルに dout、ほかは 0 です
pool-max-cell = 最初の最大値は列 { $col } にあります
pool-max-tie = { $ties } 個のセルが最大値で並んでいます。np.argmax は最初の列 { $col } を選びます
pool-dmax-hit = 列 { $col } は行 { $row } のウィンドウの最大値の位置なので、そのウィンドウの dout { $source } を受け取ります
pool-dmax-miss = 行 { $row } のウィンドウの最大値ではありません（最大値は列 { $argmax }）：0
pool-tie-note = { $name }：{ $near } 個のウィンドウ（全 { $windows } 個）で、最大の二つのセルの差が h = { $h } 以内です（完全な同値は { $exact } 個）。そこでは max に微分がありません：中心差分では最大値がもう一方のセルに移り dout の一部しか測れませんが、逆伝播は dout をすべて最初の最大値（np.argmax）に渡し、ほかは 0 です。大きな誤差は逆伝播ではなく、これらのウィンドウで説明できます。

## area: convui
convui-im2col-heading = im2col：col の第 { $row } 行は x 上で枠に囲んだ { $fh }×{ $fw } のウィンドウ（ストライド { $stride }、パディング { $pad }；破線の辺はパディング）；枠は選んだ行についてくる
convui-col2im-heading = col2im：› は選んだ dx のセルの dcol 内のコピー（それを覆うウィンドウごとに一つ）で、dx はその和；{ $key } で dcol に移ると、その行のウィンドウを dx 上に枠で示す
convui-pool-heading = Max プーリング：x の ■ は各ウィンドウの最大値（np.argmax：等しければ最初）；逆伝播は dout をそこにだけ送る、ReLU のマスクと同じ

## area: bn
bn-mean = バッチ { $n } 行にわたる各列の平均：μ = { $mu }（1×{ $d } で表示；NumPy の x.mean(axis=0) の形状は ({ $d },)）
bn-center = 各列を中心化します：xc のどの列も平均 0 になりました；xc は逆伝播のために保持されます
bn-var = 各列の分散：var = { $var }
bn-std = 標準偏差；本書の 10e-7（= 1e-6）は、定数の列で 0 による割り算が起きるのを防ぎます；std は逆伝播のために保持されます
bn-test-center = テスト時は、訓練中に蓄えた running_mean がバッチの平均の代わりに使われます
bn-test-std = テスト時は、訓練中に蓄えた running_var がバッチの分散の代わりに使われます；本書の 10e-7（= 1e-6）は、定数の列で 0 による割り算が起きるのを防ぎます
bn-normalize = どの列も平均 0、分散ほぼ 1 になりました；x̂ は逆伝播のために保持されます
bn-scale-shift = γ = { $gamma } で拡大・縮小し、β = { $beta } で平行移動します；γ と β は W や b と同じように学習されます
bn-back-beta = β はバイアスと同じようにすべての行に足されたので、dβ は dout を行方向に合計したもの（axis=0）です：列ごとに一つの合計、{ $dbeta }
bn-back-gamma = γ は x̂ のすべての行に掛けられたので、dγ は x̂ ⊙ dout をバッチ全体で合計したものです：{ $dgamma }
bn-back-xn = 乗算ノードを通って：x̂ の勾配は dout に γ を掛けたものです
bn-back-test = テスト時は μ と std が定数なので、x は割り算を通るだけです
bn-back-std = x̂ = xc / std：割り算のノードは dx̂ に −xc/std² を掛けて std に送り、それを共有した行について合計します
bn-back-var = std = √(var + ε) で、その微分は 1 / (2·std) です
bn-back-xc = xc は二つの経路で損失に届きました：x̂ を通る経路と var を通る経路です（var = xc² の平均、∂/∂xc = 2·xc/N、N = { $n }）：二つの勾配を足し合わせます
bn-back-mu = 本書の dmu = Σ dxc = −∂L/∂μ：xc = x − μ はすべての行から同じ μ を引いたので、∂L/∂μ = −Σₙ dxc[n,·]；本書はマイナスを付けずに合計し、マイナスは次のステップ dx = dxc − dmu / N で現れます
bn-back-x = x は直接（xc を通って）と、μ = x の平均を通っての両方で損失に届きました：各行はそのうち ∂L/∂μ / N = −dmu / N を受け取ります（N = { $n }）

## area: optim
optim-sgd = lr = { $lr }：すべての要素が勾配と逆の向きに動きます
optim-velocity = 速度 v は自身の α = { $momentum } を残し、−lr·d{ $key } を加えます
optim-add-velocity = { $key } は速度 v の分だけ動きます
optim-adagrad-history = h はこれまでの { $key } の勾配の二乗をすべて足し合わせます
optim-adagrad-step = lr = { $lr } を √h で割ります：履歴の大きい要素ほど小さく動きます
optim-adam-m = m は β1 = { $beta1 } で d{ $key } を追いかけます（Momentum）
optim-adam-v = v は β2 = { $beta2 } で d{ $key }² を追いかけます（AdaGrad のようなスケール）
optim-adam-step = 更新 t = { $t }：lr_t = lr·√(1 − β2ᵗ)/(1 − β1ᵗ) = { $lr }·√(1 − { $beta2 }^{ $t })/(1 − { $beta1 }^{ $t }) = { $lr_t }
optim-first-cell = { $note }；{ $name }[0,0]：{ $before } → { $after }
optim-moment-note = 本書の { $book } を整理し直すと：古い値の { $beta } と { $grad } の 1 − { $beta } を足したものです

## area: gradcheck
check-with-eps = --eps { $eps } で確認し直してください
check-kink = { $name }：{ $near } 個（全 { $cells } 個の入力要素のうち）が、折れ点から h = { $h } 以内にあります（折れ点は { $at }）{ $nearest }。{ $name } は折れ点で微分できません：折れ点をまたぐ中心差分は { $left } と { $right } の間の傾きを測りますが、これは微分ではありません。一方、逆伝播は片側の傾きを使います：{ $left }（x { $le } { $at }）と { $right }（x { $gt } { $at }）。大きな誤差は、逆伝播ではなく{ $near ->
        [1] その要素
       *[other] それらの要素
    }で説明できます。{ $exact }{ $step }
check-kink-nearest = （最も近いものは { $d } 離れています）
check-kink-exact = そのうち { $exact } 個はちょうど { $at } にあります：どんな刻み幅でもそこの折れ点は避けられません（中心差分は { $mid }、逆伝播は { $used }）。
check-kink-smaller-step = より小さな刻み幅なら{ $which ->
        [it] その要素
        [them] それらの要素
        [other] 残りの一つ
       *[others] 残りの要素
    }を避けられます：{ $change }。ただし丸め誤差の影響が大きくなります：h = { $s } では数値微分による勾配の精度は ±{ $good } までなので、{ $floor } より小さい勾配は絶対差だけで比べ、相対誤差は確認しません。
check-kink-too-close = 残りの要素は折れ点に近すぎて、f64 で表せるどの刻み幅でも分けられません：その誤差は折れ点によるものです。
check-log-epsilon = { $name }：{ $row } 行目の正解クラスの確率は y = { $y }{ $others }。損失は −log(y + 1e-7) で、本書が log 0 を避けるために入れたものですが、逆伝播の (y − t)/N は −log y の微分です：両者は相対的に 1e-7/(y + 1e-7) = { $gap } だけ違います。この差は本書の 1e-7 によるもので、逆伝播の誤りではありません。
check-log-epsilon-others = （{ $cells } 個の正解要素で差が許容誤差を超えています）
check-list-comma = 、
check-list-and = { $rest } と { $last }
check-constant-one-row = { $name }：バッチが一行しかないので、x が何であっても μ = x、xc = x − μ = 0 です：x̂ = 0/√(0 + 10e-7) = 0、out = β。本書の 10e-7 だけがこれを 0/0 から守っており、このレイヤは x を何も伝えません（dx = 0、dγ = 0）。正規化には異なる行が少なくとも二行必要です。
check-constant-columns = { $name }：入力の{ $which ->
        [every] すべての列
        [one] {" "}{ $cols } 列目
       *[some] {" "}{ $cols } 列目
    }はどの行でも同じ値なので、そこでは var = 0 です：xc = x − μ = 0、x̂ = 0、out = β。本書の 10e-7 だけがこれを 0/0 から守っています：std = √(0 + 10e-7) = { $std } なので、このレイヤは行と行の差を γ/std = { $gain }·γ 倍に拡大します —— x − μ の丸め誤差も同じで、勾配確認がそこで見ているのはそれです。

## area: jacobian
jac-add = 単位行列：対角に ∂({ $x } + { $y })/∂{ $x } = 1。近道は dout をそのまま通します
jac-affine = ブロック対角：out[n,·] は Wᵀ（{ $k }×{ $d }）を通して x[n,·] だけに依存します；J には Wᵀ が { $n } 個並びます。近道 dx = dout · Wᵀ はそれらを一度に掛けます
jac-bn-train = 列ごとに結合：out[n,j] は μ と var を通して x の列 j 全体に依存し、ほかの列には依存しません；J は { $d } 個の密な { $n }×{ $n } { $d ->
        [1] ブロックです
       *[other] ブロックが交互に並んだものです
    }。サブステップ dstd、dvar、dxc、dmu は J を作らずにそれらを掛けます
jac-bn-test = テスト時は対角：∂out[n,j]/∂x[n,j] = γ[j] / std[j]。running の統計量は x に依存しないからです
jac-dropout-train = 対角：∂out[i]/∂x[i] はマスクが True（残す）のところで 1、要素を削除したところで 0；ほかの成分はすべて 0 です。近道 dout ⊙ mask はこの対角を要素ごとに掛けます
jac-dropout-test = 対角：テスト時はどの ∂out[i]/∂x[i] も 1 − ratio = { $keep }；ほかの成分はすべて 0 です
jac-exp = 対角：∂{ $out }[i]/∂{ $x }[i] = exp({ $x }[i]) = { $out }[i]、ほかの成分は 0。近道 { $dx } = dout ⊙ { $out } はこの対角を要素ごとに掛けます
jac-log = 対角：∂{ $out }[i]/∂{ $x }[i] = 1/{ $x }[i]、ほかの成分は 0。近道 { $dx } = dout / { $x } はこの対角で要素ごとに割ります
jac-mul = 対角：∂({ $x } ⊙ { $y })[i]/∂{ $x }[i] = { $y }[i]（もう一方の因子）。近道 { $dx } = dout ⊙ { $y } はそれを要素ごとに掛けます
jac-reciprocal = 対角：∂{ $out }[i]/∂{ $x }[i] = −1/{ $x }[i]² = −{ $out }[i]²、ほかの成分は 0。近道 { $dx } = −dout ⊙ { $out }² はこの対角を要素ごとに掛けます
jac-relu = 対角：∂out[i]/∂x[i] は x > 0 のところで 1、マスクが True のところで 0；ほかの成分はすべて 0 です。近道 dout[mask] = 0 はこの対角を要素ごとに掛けます
jac-sigmoid = 対角：∂y[i]/∂x[i] = y(1 − y)、ほかの成分は 0。近道 dx = dout ⊙ y ⊙ (1 − y) はこの対角を要素ごとに掛けます
jac-softmax = ブロック対角：行ごとに密な { $d }×{ $d } ブロック diag(y) − y·yᵀ が一つ（{ $n } 個）、行と行の間は 0：ある行の出力はその行のすべての入力に依存し、それ以外には依存しません。近道 dx = y ⊙ (dout − Σ dout ⊙ y) は各ブロックを作らずに掛けます
jac-softmax-loss = 一行だけ（L はスカラー）：∂L/∂x = (y − t)/N、N = { $n }。近道はその行を直接書き、softmax の { $d }×{ $d } ブロックを作りません
jac-tanh = 対角：∂y[i]/∂x[i] = 1 − y[i]²、ほかの成分は 0。近道 dx = dout ⊙ (1 − y²) はこの対角を要素ごとに掛けます
jac-kink-note = { $cells } は { $layer } の折れ点 { $at } の上にあり、{ $layer } はそこで微分できません：中心差分（h = { $h }）はそこで { $mid } を与え、これは両側の傾き { $left } と { $right } の間の値です。逆伝播は { $used } を使います；{ $count ->
        [1] その要素
       *[other] それらの要素
    }は比較から外します。
jac-kink-more = ほか { $n } 個
jac-title = ヤコビ行列 ∂{ $of }/∂x（{ $name }）
jac-equal = ✓ 一致
jac-equal-away = ✓ 折れ点以外で一致
jac-differ = ✗ 不一致
jac-verdict = dout·J とレイヤの dx：max |dout·J − dx| = { $diff } { $verdict }
jac-how = （J：順伝播の中心差分、h = { $h }）
jac-caption-vjp = 平らにした dout × J
jac-caption-dx = レイヤの逆伝播
jac-caption-dout = 届いた勾配
jac-block-keys = { $next }/{ $prev } 次/前のブロック
jac-block-whole = J：{ $rows }×{ $cols }、{ $of } の要素ごとに一行、x の要素ごとに一列（行ごとに平らに並べたもの）；· はちょうど 0
jac-block-loss = J は 1×{ $in_n }；表示：x[{ $n },·] の { $cols } 列、バッチの { $n } 行目（0–{ $last } 行）；ほかの行の列にはそれぞれの (y − t)/N があります · { $keys }
jac-block-row = J は { $out_n }×{ $in_n }；表示：バッチの { $n } 行目のブロック（0–{ $last } 行）、{ $of }[{ $n },·] × x[{ $n },·]（{ $rows }×{ $cols }）；行ブロックの外では J は 0、· はちょうど 0 · { $keys }
jac-block-column = J は { $out_n }×{ $in_n }；表示：{ $j } 列目のブロック（0–{ $last } 列）、{ $of }[·,{ $j }] × x[·,{ $j }]（{ $rows }×{ $cols }）；列ブロックの外では J は 0、· はちょうど 0 · { $keys }
jac-position = 行 { $r0 }–{ $r1 }/{ $rows } 列 { $c0 }–{ $c1 }/{ $cols }
jac-status-whole = J は全体を表示しています：ほかのブロックはありません
jac-status-last = { $blocks } 個のブロックの最後です
jac-status-first = { $blocks } 個のブロックの最初です

## area: errors
err-log-domain = log は 0 より大きいところでしか定義されていませんが、入力が { $at } = { $v } です
err-reciprocal-domain = 1 / 0 は数ではありませんが、入力が { $at } = { $v } です
err-outside-domain = { $at } = { $v } は { $layer } の定義域の外です
err-overflow = { $what } が { $value } になりました：数値が { $inf }。もっと小さな値を使ってください
err-overflow-training = イテレーション { $iter }：{ $what } が { $value } になりました：数値が大きくなり、{ $inf }。学習率を下げてください（lr は { $lr }）
err-iteration = イテレーション { $iter }
err-what-output = { $who }の出力
err-what-objective = 目的の値
err-what-loss = 損失 L
err-what-the-loss = 損失
err-what-scalar = L = Σ dout ⊙ out（逆伝播が微分するスカラー）
err-what-dx = { $who }の勾配 dx
err-what-grad = { $who }の勾配 d{ $name }
err-node-who = ノード { $number }（{ $name }）
err-nudge-outside = 要素 { $cell } は { $name } の出力の外です。出力は { $shape } です
err-graph-shapes = 計算グラフにノードがないか、形状が別の計算グラフのために求められたものです
err-t-labels = t にはラベルが { $labels } 個ありますが、バッチは { $n } 行です：行ごとにラベルを一つ与えてください
err-label-range = ラベル { $label }（{ $row } 行目）が範囲外です：出力のクラスは { $k } 個なので、ラベルは 0 から { $last } までです
err-t-shape = t は { $t } ですが、出力は { $out } です：サンプルごとに一行、クラスごとに一列です
err-t-negative = t の { $row } 行目に負の値があります：教師データは one-hot の行（または確率）です
err-t-sum = t の { $row } 行目の和が { $sum } です：t の各行の和は 1 でなければなりません（one-hot、例えば [0, 1, 0]）。逆伝播の (y − t)/N はそれを前提にしています
err-no-layers = ネットワークにレイヤがありません：[[layers]] テーブルを少なくとも一つ加えてください
err-x-empty = x が空です：少なくとも一行、一つの値を与えてください
err-loss-not-last = { $who } は { $kind } ですが最後のレイヤではありません：損失は連鎖の最後に置きます
err-shape-x = 形状が合いません：x は { $shape } ですが、{ $who } はそれを受け取れません
err-shape-layer = 形状が合いません：{ $from } の出力は { $shape } ですが、{ $who } はそれを受け取れません
err-too-many-cells = レイヤの出力は合計 { $cells } 要素です。記録するすべてのステップがメモリに収まるよう、許されるのは { $max } までです：レイヤを減らすか、小さな行列を使ってください
err-needs-t = 最後のレイヤが softmax_with_loss なので、プリセットには教師データ t（クラスラベルか one-hot の行）が必要です
err-dout-with-loss = dout が与えられていますが、連鎖は損失で終わり、逆伝播は ∂L/∂L = 1 から始まります：dout を削除してください
err-t-unread = t が与えられていますが、連鎖が softmax_with_loss で終わらないので、誰も読みません：t を削除するか softmax_with_loss レイヤを加えてください
err-dout-shape = dout は { $dout } ですが、最後の出力は { $out } です：一致させてください
err-graph-no-nodes = 計算グラフにノードがありません：name、type、inputs を持つ [[nodes]] テーブルを少なくとも一つ加えてください
err-input-empty-name = 入力 { $number } の名前が空です
err-input-empty = 入力 "{ $name }" が空です：少なくとも一つの値を与えてください
err-input-twice = "{ $name }" という名前の入力が二つあります：それぞれ別の名前にしてください
err-node-empty-name = ノード { $number } の名前が空です
err-node-input-name = { $who } は入力と同じ名前です：ノードと入力には別の名前を付けてください
err-node-twice = "{ $name }" という名前のノードが二つあります：それぞれ別の名前にしてください
err-node-arity = { $who } は { $kind } ノードで、入力を { $arity } 個取りますが、inputs には { $given } 個あります：{ $hint }
err-node-arity-two = mul と add は名前を二つ取ります。例えば inputs = ["apple", "apple_num"]
err-node-arity-one = レイヤのノードは名前を一つ取ります（パラメータは同じ場所に書きます）
err-node-self = { $who } は自分自身を入力に使っています：これは循環です。ノードが使えるのは入力と前のノードだけです
err-node-later = { $who } は "{ $name }" を使っていますが、これは後で定義されるノード { $later } です：ノードが使えるのは入力と前のノードだけです（だから計算グラフに循環はありません）。ノード { $later }（{ $name }）をその前に移してください
err-node-unknown = { $who } は "{ $name }" を使っていますが、これは入力でもノードでもありません：入力は { $inputs } です
err-input-unused = 入力 "{ $name }" はどのノードにも使われていません：削除するか、どれかのノードの inputs に書いてください
err-node-unused = { $who } は後のどのノードにも使われていませんが、出力になれるのは最後のノード（{ $last }）だけです：後のノードの inputs で使うか、削除してください
err-node-loss-not-last = { $who } は softmax_with_loss ですが出力ではありません：損失は最後のノードに置きます
err-node-shapes = 形状が合いません：{ $who }（{ $kind }）が受け取ったのは { $a } { $a_shape } と { $b } { $b_shape } です：二つ目の入力は一つ目と同じ形状か、1×1（一つの数）でなければなりません
err-node-shape = 形状が合いません：{ $who } は { $input } { $shape } を受け取りましたが、受け取れません
err-graph-too-many-cells = ノードの出力は合計 { $cells } 要素です。許されるのは { $max } までです：小さな行列を使ってください
err-graph-needs-t = 出力ノード（{ $name }）が softmax_with_loss なので、プリセットには教師データ t が必要です
err-graph-dout-with-loss = dout が与えられていますが、計算グラフは損失で終わり、逆伝播は ∂L/∂L = 1 から始まります：dout を削除してください
err-graph-t-unread = t が与えられていますが、出力ノード（{ $name }）は softmax_with_loss ではないので、誰も読みません
err-graph-dout-shape = dout は { $dout } ですが、出力ノード（{ $name }）は { $out } です：一致させてください
err-affine-b = b の値は { $values } 個ですが W は { $w } です：b には W の列ごとに一つ、{ $cols } 個の値が必要です
err-affine-w = W は { $w } ですが、入力は { $d } 列です：W には { $d } 行が必要です
err-loss-needs-t = Softmax-with-Loss には教師データ t が必要です
err-loss-t-shape = t は { $t } ですが、スコアは { $x } です
err-factor-shape = { $name } は { $shape } ですが、入力は { $input } です：{ $name } は { $input } か 1×1 でなければなりません
err-dropout-ratio = ratio が { $ratio } です：削除する要素の割合は 0 以上 1 未満、例えば 0.5 です
err-bn-param = { $name } の値は { $values } 個ですが、入力は { $d } 列です：列ごとに一つの値を与えてください
err-dout-expected = { $name } は { $shape } ですが、{ $want } のはずです
err-cache-kind = { $layer } の逆伝播に渡されたキャッシュは、別の種類のレイヤのものです
err-data-labels = { $rows } 行に対してラベルが { $labels } 個です：行ごとにラベルを一つ与えてください
err-data-label-range = ラベル { $label }（{ $row } 行目）が範囲外です：クラスは { $classes } 個です
err-test-fraction = test_fraction が { $value } です：0 以上 1 未満でなければなりません（0.2 なら行の五分の一をテストに残します）
err-test-fraction-all = { $name } は { $n } 行で、test_fraction = { $value } では訓練データが一行も残りません：test_fraction を小さくするか、点を増やしてください
err-digits-damaged = 組み込みの手書き数字データが壊れています（展開できません）：backstep をビルドし直してください
err-digits-numbers = 手書き数字データの { $line } 行目：数の並びではありません
err-digits-values = 手書き数字データの { $line } 行目：値が { $values } 個ありますが、{ $pixels } 個の画素と一つのラベルのはずです
err-gzip-damaged = gzip 圧縮されたファイルに見えますが、展開できません（途中で切れているか壊れています）
err-idx-header = 途中で切れています：{ $bytes } バイトしかなく、{ $header } バイトの IDX ヘッダに足りません
err-idx-magic = マジックナンバー { $found } が違います：IDX の{ $what ->
        [image] 画像
       *[label] ラベル
    }ファイルは { $want }（{ $decimal }）で始まります
err-idx-images-truncated = 途中で切れています：ヘッダは { $size } の画像 { $count } 枚、{ $need } バイトを約束していますが、続くのは { $found } バイトだけです
err-idx-no-images = ファイルに画像がありません（{ $size } が { $count } 枚）
err-idx-labels-truncated = 途中で切れています：ヘッダはラベル { $count } 個を約束していますが、続くのは { $found } バイトだけです
err-gen-points = { $name }：points が { $points } ですが、1 から { $max } まで（クラスごとの点の数）でなければなりません
err-gen-spiral-classes = spiral：classes が { $classes } ですが、らせんの腕は 2 本から 10 本です
err-gen-classes = { $name }：classes が { $classes } ですが、{ $name } のクラスはちょうど 2 個です。classes を削除するか 2 にしてください
err-gen-noise = { $name }：noise が { $noise } ですが、≥ 0 の数でなければなりません
err-iters-zero = iters が 0 です：少なくとも一回は学習してください
err-iters-max = iters が { $iters } です：許されるのは { $max } までです（本書の学習は 10000 回。イテレーションごとの損失をすべて残します）
err-batch-zero = batch が 0 です：ミニバッチには少なくとも一行が必要です
err-train-needs-loss = 学習には損失が必要です：レイヤの最後を softmax_with_loss にしてください
err-no-training-rows = データセット { $name } に訓練データがありません
err-network-data = ネットワークがデータセット { $name }（特徴量 { $features } 個、クラス { $classes } 個）に合いません：{ $error }
err-boundary-features = 決定境界の図には特徴量が 2 個必要ですが、{ $name } は { $features } 個です
err-no-parameter = { $layer } には更新するパラメータ { $name } がありません
err-no-rows-to-predict = 予測する行がありません
err-accuracy-no-rows = 行がないので認識精度を計算できません
err-no-tensor = そのテンソルはありません
err-h-positive = h は正の数でなければなりませんが、{ $h } でした
err-check-worker = 勾配確認のワーカースレッドが一つ失敗しました
err-lr-positive = 学習率が { $lr } ですが、正の数でなければなりません
err-optim-range = { $name } が { $value } ですが、0 以上 1 未満でなければなりません
err-optim-count = この最適化手法は { $made } 個のパラメータ用に作られましたが、{ $count } 個を受け取りました
err-optim-index = パラメータ { $index } は、この更新を始めたときの { $count } 個を超えています
err-optim-shape = { $key } の勾配は { $grad } ですが、パラメータは { $value } です
err-check-cancelled = 勾配確認は取り消されました
err-no-step = ステップ { $step } はありません：ステップは全部で { $steps } 個です
err-no-layer = レイヤ { $layer } はありません：ネットワークのレイヤは { $layers } 個です
err-layer-not-in-run = レイヤ { $layer } はこの実行にありません：別のネットワークで作られたものではありませんか？
err-empty-input = { $name } の入力が空です
err-no-loss = 損失レイヤが損失を返しませんでした
err-output-shape-changed = x を動かしたらレイヤの出力の形状が変わりました
err-dout-cells = dout は { $cells } 要素ですが、出力は { $out } 要素です
err-block-cell = ブロックの要素がその行列の外にあります
err-dx-shape = dx と x の形状が違います
err-who-said = { $who }：{ $error }
err-not-a-number = 数ではありません
err-too-large = f64 には大きすぎます（最大でおよそ { $max }）
## area: views
# the inspector: the mask, its caption (a formula, then the step that wrote it)
views-insp-mask-caption = { $rule }、ステップ { $k }
views-insp-relu-out = x の True の要素を 0 にしたもの
views-insp-dropout-out = x の False の要素を 0 にしたもの
views-insp-relu-heading = ReLU のマスク：x ≤ 0 の要素が True（■）——その要素は 0 を出力します
views-insp-dropout-heading = Dropout のマスク：rand > ratio の要素が True（■）——その要素は残り、ほかは 0 を出力します
views-insp-arriving = 流れてきた勾配
views-insp-relu-dx = dout のマスクされた（True の）要素を 0 にしたもの
views-insp-dropout-dx = dout の削除された（False の）要素を 0 にしたもの
views-insp-relu-backward = 逆伝播は順伝播のマスクを使います：× はせき止められる勾配、つまりマスクが True の要素です
views-insp-dropout-backward = 逆伝播は順伝播のマスクを使います：× はせき止められる勾配、つまり削除された（False の）要素です（Dropout の True は要素を残し、ReLU の True は 0 にします）
views-insp-db-caption = 各列の和 ↓ = db
views-insp-db-heading = db = Σₙ dY[n,·]、行方向の和（axis=0）：b はすべての行に足されたので、列ごとに一つの合計です
views-insp-cached-by-forward = 順伝播で保持
views-insp-sigmoid-heading = dx = dout ⊙ y ⊙ (1 − y)：必要なのは保持した y だけで、x はいりません
views-insp-softmax = softmax
views-insp-one-hot = one-hot 表現
views-insp-swl-forward = Softmax-with-Loss：y = softmax(x)、L = −log y[正解クラス] の平均；逆伝播に必要なのは y と t だけです
views-insp-swl-backward = Softmax-with-Loss：dx = (y − t) / N、各確率の誤差をバッチの大きさで割ったもの
views-insp-cached-at = 順伝播のステップ { $k } で保持
views-insp-read = 読み込み
# a step's operands: its label, what it reads, what it writes
views-insp-reads-writes = { $label }：{ $reads } を読み込み → { $writes } に書き込み
views-insp-many-terms = { $cell } = { $value } は { $terms } 項の組み合わせです：その上で { $key } を押すと見られます
# the note line while a quiz question is open
views-note-after-answer = このステップの説明は、答えたあとに表示されます
# the quiz panel: the hidden cell, the keys, the heading (step, layer, op label, cell)
views-quiz-hidden = { $name } は隠されています（?）：• が { $cell }、› がその計算に使われる要素です。値を入力してください。
views-quiz-hidden-unnamed = 書き込まれる行列は隠されています（?）：• が { $cell }、› がその計算に使われる要素です。値を入力してください。
views-quiz-keys = { $keys } · 相対誤差 1e-3 以内で正解 · 得点 { $score }
views-quiz-heading = クイズ——ステップ { $k }（{ $layer } { $label }）：{ $cell } はいくつ？
views-quiz-heading-bare = クイズ——ステップ { $k }：{ $cell } はいくつ？
# the nudge panel
views-nudge-this-step = このステップ：{ $name } の { $cells } 個の要素のうち { $moved } 個が変化（Δ）
views-nudge-still = このステップ：{ $name } は変化なし
views-nudge-ratio = 実際 / 予測 = { $ratio }
views-nudge-no-ratio = 予測が 0：比はありません
views-nudge-cell = { $cell } = { $after }、微動の前は { $before }
views-nudge-actual = 実際
views-nudge-predicted = 予測
views-nudge-actual-line = { $name }：{ $base } → { $nudged }、変化 { $change }
views-nudge-predicted-line = 勾配 × h = { $gradient } × { $h } = { $change }
views-nudge-gap = { $ratio }、相対的な差 { $gap }（一次の近似：h とともに小さくなる）
views-nudge-source = 勾配は { $source } から
views-nudge-keys = { $this_step } · 全部で { $steps } 個のステップが変化 · { $smaller } h÷10  { $larger } h×10  { $clear } 解除
views-nudge-heading = Δ { $name } を h = { $h } だけ微動
views-nudge-from-dx = この実行の dx（∂L/∂x）
views-nudge-from-grad = { $layer } の d{ $name }
views-nudge-from-loss = 交差エントロピー誤差の ∂L/∂y = −t/(N·(y + 1e-7))；このレイヤの逆伝播はこれを作りません（そのまま (y − t)/N になります）
views-nudge-from-dout = { $layer } に流れてきた dout（∂L/∂out）
# the shape algebra panel
views-shapes-used = 採用
views-shapes-heading = 形状の計算——形状だけから { $target } を求める（{ $key } で隠す）
# the gradient check popup (its table's columns and the costs are the CLI's: report-check-*)
views-check-running = 勾配確認——実行中
views-check-progress = h = { $h } の数値勾配：{ $total ->
   *[other] { $total_text }
} 個の要素のうち { $done } 個（要素ごとに順伝播 2 回）
views-check-title-pass = 勾配確認——合格（h = { $h }）
views-check-title-fail = 勾配確認——不合格（h = { $h }）
views-check-notes-window = 説明、{ $total } 行中 { $first }–{ $last } 行（{ $key }：行列に戻る）
views-check-rel = rel = |a − n| / max(|a|, |n|, floor)；a = 逆伝播、n = 数値微分
views-check-floor = 下限 floor { $floor }：これより小さい勾配は、この h では絶対的な差で比べます（|a − n| ≤ { $noise } なら合格：L の丸め誤差だけでその程度の差は生じます）
views-check-notes-count = { $n ->
    [0] 説明なし
   *[other] 説明 { $n } 件
}（{ $key }：説明と、それぞれの方法のコスト）
views-check-pane-backprop = a：逆伝播
views-check-pane-numerical = n：数値微分
views-check-worst = 最悪 { $cell }：rel { $rel } · { $cells ->
   *[other] { $cells_text }
} 個の要素のうち { $over } 個が { $tolerance } を超過 · { $at }：a = { $a }、n = { $n }、rel { $rel_here }
views-check-rerun = { $times ->
    [one] { $key } を押す
   *[other] { $key } を { $times } 回押す
}と h = { $h } で確認をやり直します
views-check-gap-grows = 数値微分は要素ごとに順伝播が 2 回必要なので、パラメータが増えるほど差は広がります
views-check-book-scale = 本の規模：TwoLayerNet 784→50→10 のパラメータは { $params } 個、つまり勾配 1 回に順伝播 { $passes } 回；逆伝播：1 + 1
# the quiz: verdicts, the score, status lines
views-quiz-right = 正解：{ $typed }（値は { $answer }）
views-quiz-wrong = 惜しい：答えは { $typed }、値は { $answer }（差 { $off }）
views-quiz-score = { $asked } 問中 { $right } 問正解
views-quiz-empty = 数を入力してください（例：0.25 や -1.5e-2）
views-quiz-not-a-number = 「{ $typed }」は数ではありません：0.25 や -1.5e-2 のように入力してください
views-quiz-not-finite = { $typed } は有限の数ではありません：0.25 のように入力してください
views-quiz-too-large = { $typed } は f64 には大きすぎます（最大でおよそ ±1.8e308）：0.25 のように入力してください
views-quiz-on = クイズ オン：次から逆伝播の各ステップで、表示の前に要素を一つ答えます · 得点 { $score }
views-quiz-off = クイズ オフ · 得点 { $score }
views-quiz-skipped = { $cell } をスキップ · 得点 { $score }
# a cell's explanation (Enter): its title, and a cell no step computed
views-cell-step-title = { $cell }——ステップ { $k }（{ $layer } { $label }）
views-explain-part-of = { $cell } はステップ { $k } の { $target } です：
views-explain-outside = { $cell } は行列の外です
views-explain-input = { $cell } = { $value }：ネットワークの入力で、プリセットが与えます。
views-explain-press-edit = { $key } で変更できます。すべてのステップが計算し直されます。
views-explain-param = { $cell } = { $value }：{ $layer } のパラメータ。
views-explain-param-grad-at = その勾配 d{ $name } は逆伝播のステップ { $k } で書き込まれます。
views-explain-param-grad = その勾配は d{ $name } です。
views-explain-target = { $cell } = { $value }：教師データ。行の正解クラスが 1 です。
views-explain-target-use = Softmax-with-Loss は y と t を比べます。逆伝播は y − t から始まります。
views-explain-dout = { $cell } = { $value }：逆伝播の出発点の勾配。
views-explain-dout-meaning = L = Σ { $d } ⊙ { $out } なので、{ $d }[i,j] = ∂L/∂{ $out }[i,j] です。{ $key } で変更できます。
# status lines of the explorer
views-nudge-cleared = 微動を解除しました
views-nothing-to-close = 閉じるものはありません · { $key } で終了
views-exported = ステップ { $k } を { $file } に書き出しました
views-exported-kept = ステップ { $k } を { $file } に書き出しました（{ $existing } は既にあるので残しました）
views-export-failed = { $path } に書き込めません：{ $error }
views-shapes-on = 形状の計算 オン：Affine の各ステップで表示（{ $key } で隠す）
views-shapes-on-elsewhere = 形状の計算 オン：Affine のステップに表示されます（このステップは違います）
views-shapes-off = 形状の計算 オフ
# the graph view: status lines and an edge's explanation
views-graph-none = このステップのレイヤには描ける計算グラフがありません
views-graph-no-edit = 変更と微動はチェーン型のプリセットで使えます。計算グラフのプリセットはファイルの [inputs] を変更してください
views-graph-cell-of = { $value }（{ $matrix } の { $at }）
views-graph-value = 値：{ $name } = { $value }
views-graph-gradient = 勾配：{ $value }
views-graph-gradient-later = 勾配：まだ分かりません。逆伝播はステップ { $k } でこのエッジに届きます
views-graph-no-gradient = このエッジを逆向きに流れる勾配はありません
views-graph-edge-title = { $label }——エッジ { $k } / { $n }
# the nudge's status lines
views-nudge-refused = { $name } は微動できません：{ $focus } でネットワークの入力 x、W、b、w か順伝播の出力（Y、out、y）を選び、{ $nudge } を押してください
views-nudge-refused-pane = このペインは微動できません：{ $focus } でネットワークの入力 x、W、b、w か順伝播の出力（Y、out、y）を選び、{ $nudge } を押してください
views-nudge-none = まだ微動していません：ネットワークの入力 x、W、b か順伝播の出力の要素で { $key } を押してください
views-nudge-smallest = h = { $h } はすでに最小の微動です（{ $lo } ～ { $hi }）；{ $key } で大きくします
views-nudge-largest = h = { $h } はすでに最大の微動です（{ $lo } ～ { $hi }）；{ $key } で小さくします
# the edit prompt and its errors
views-edit-computed = { $name } は計算された値で、与えられた値ではありません：ネットワークの入力 x、パラメータ（W、b、w）、t、出発点の dout を変更すると、計算し直されます。
views-edit-class = t の行 { $row } のクラス、0 ～ { $last }（現在 { $now }）：その行は one-hot 表現になります
views-edit-value = { $cell } の新しい値（現在 { $now }）
views-edit-not-a-number = 「{ $typed }」は数ではありません：0.5 や -2 のように入力してください
views-edit-not-finite = { $typed } は有限の数ではありません：0.5 や -2 のように入力してください
views-edit-too-large = { $typed } は f64 には大きすぎます（最大でおよそ ±1.8e308）：0.5 や -2 のように入力してください
views-edit-outside = その要素は行列の外です
views-edit-no-input = そのノードの入力はありません
views-edit-node-computed = { $name } はノードが計算した値で、与えられた値ではありません：計算グラフの入力を変更してください
views-edit-no-layer = そのレイヤはありません
views-edit-no-param = そのパラメータはありません
views-edit-no-dout = このプリセットは損失関数から始まり、dout はありません
views-edit-no-targets = このプリセットには教師データがありません
views-edit-not-a-class = 「{ $typed }」はクラスではありません：0 ～ { $last } の整数を入力してください
views-edit-row-outside = その行は t の外です
# the picker's prompt and the check's status lines
views-picker-path = .toml プリセットのパス（組み込みと同じ名前のファイルは ./名前）
views-picker-stopped = { $name } の読み込みを待つのをやめました。現在のプリセットはそのままです
views-check-cancelled = 勾配確認を中止しました
views-check-h-stays = h は { $h } のまま：勾配確認のキーで変えられるのは { $lo } ～ { $hi } です
views-check-all-within = すべての要素が許容誤差の範囲内です
# the graph view's figures: titles, a node's label, each edge's explanation
views-fig-sigmoid-title = { $layer } の計算グラフ（図 5-19）、要素 { $cell }
views-fig-affine-title = { $layer } の計算グラフ（図 5-25）：エッジに形状
views-fig-swl-title = { $layer } の計算グラフ（図 5-30）、要素 { $cell }
views-fig-cell-title = { $layer } の計算グラフ、要素 { $cell }
views-fig-title = { $layer } の計算グラフ
# the node of Fig. 5-29/5-30 (the book's figures write it in English)
views-fig-cross-entropy = Cross Entropy
views-fig-edge-gradient = { $value } に沿って逆向きに流れる勾配は { $grad } です（本の図。値は記録された各ステップから）
views-fig-loss-start = d L = ∂L/∂L = 1：逆伝播は損失から始まります
views-fig-dout-start = d { $out } = { $value }：逆伝播は dout（既定ではすべて 1）から始まります。L = Σ dout ⊙ { $out } の勾配です
views-fig-one-path = { $node } を通る ∂{ $of }/∂{ $name }（経路の一つ）
views-fig-mul-partial-summed = { $partial } = dout × { $other } = { $dout } × { $value } = { $grad }（すべての要素について和）
views-fig-mul-swaps = 乗算ノードは入力をひっくり返します：{ $name } の勾配は dout（{ $dout }、{ $node } から）ともう一方の入力 { $other } = { $value } の積です
views-fig-add-partial-summed = { $partial } = Σ dout = { $grad }（{ $name } はすべての要素に足されました）
views-fig-add-passes = 加算ノードは dout（{ $dout }、{ $node } から）をそのまま流します：∂({ $a } + { $b })/∂{ $name } = 1
views-fig-loss-layer-backward = { $node }（Softmax-with-Loss：(y − t)/N）の逆伝播：dout = { $dout } から。逆伝播のステップを順に見ると各積が分かります
views-fig-layer-backward = { $node }（{ $kind }）の逆伝播：dout = { $dout } から。逆伝播のステップを順に見ると各積が分かります
views-fig-fan-out = { $name } は { $n } 個のノードに入ります：合計 ∂{ $of }/∂{ $name } = { $paths } = { $total }（すべての経路）
# a terminal smaller than the explorer needs
views-too-small = 端末が小さすぎます：{ $need } 必要です（現在 { $now }）
views-terminal-signals = SIGTERM と SIGHUP を受け取る準備ができません
views-terminal-setup = 端末を準備できません（端末で実行していますか？）
views-terminal-read = 端末から読み取れません
# the nudge's errors (a cell or layer that is not there)
views-nudge-bad-h = 微動の h は 0 でない数でなければなりません（与えられたのは { $h }）
views-nudge-no-param = { $layer } にはパラメータ { $name } がありません。パラメータ：{ $available }
views-nudge-no-grad = この実行には { $layer }.{ $name } の勾配がありません
views-nudge-no-targets = 損失のレイヤに教師データがありません
views-nudge-no-layer = レイヤ { $k } はありません：ネットワークのレイヤは { $n } 個です
views-nudge-outside = 要素 { $cell } は { $shape } の行列の外です
views-nudge-outside-of = 要素 { $cell } は { $name }（{ $shape }）の外です
views-nudge-step-count = 微動した実行のステップは { $nudged } 個ですが、元の実行は { $base } 個です
views-nudge-shape-changed = 微動でステップ { $k } の形状が変わりました
# under the error of a preset that could not be loaded
views-load-unchanged = 現在のプリセットはそのままです。


## area: train
train-state-running = ▶ 実行中
train-state-paused = ‖ 一時停止
train-state-finished = ■ 完了
train-state-failed = ✗ 失敗
train-iteration = イテレーション { $i }/{ $n }
train-speed = { $rate } it/s
train-speed-avg = { $rate } it/s（平均）
train-speed-limit = { $measured }（上限 { $limit }）
train-elapsed = 経過 { $clock }
train-lr = { $optimizer } 学習率 { $lr }
train-batch = バッチ { $batch }
train-seed = 乱数シード { $seed }
train-data = { $data } 訓練 { $train } / テスト { $test }
train-loss = 損失 { $loss }
train-acc-train = 訓練 { $acc }
train-acc-test = テスト { $acc }
train-final-after = { $n } イテレーション後の最終結果
train-final-at = 最終@{ $n }
train-loss-title = イテレーションごとの損失
train-loss-title-last = イテレーションごとの損失：{ $loss }
train-no-iterations = まだイテレーションがありません
train-axis-iteration = イテレーション
train-axis-iter = 反復
train-accuracy-title = エポックごとの認識精度
train-accuracy-empty = イテレーション 0 の後と各エポックの終わりに測定
train-legend-train = 訓練
train-legend-test = テスト
train-boundary-title = 決定境界
train-images-title = テスト画像
train-images-wrong = { $n } 枚中 { $wrong } 枚が誤認識 ✗(正解)
train-weights-title = 1 層目の W
train-weights-units = ニューロン { $n } 個を { $side } で表示
train-worker-stopped = 学習スレッドが止まりました；{ $key } で最初からやり直します
train-speed-status = 速度：{ $speed } · { $slower } 遅く · { $faster } 速く
train-speed-full = 最高速
train-speed-at-most = 最大 { $s } it/s
train-opening = イテレーション { $i } をエクスプローラで開いています…
train-nothing-to-close = 閉じるものはありません · { $key } で終了
train-opened = イテレーション { $i }：そのミニバッチと重み、更新のところ · { $forward } 順伝播 · { $backward } 逆伝播 · { $back } 学習画面に戻る
train-no-steps = 記録したイテレーションにステップがありません

## area: preset-errors
perr-kind-directory = フォルダ
perr-kind-fifo = 名前付きパイプ（FIFO）
perr-kind-socket = ソケット
perr-kind-char-device = キャラクタデバイス
perr-kind-block-device = ブロックデバイス
perr-kind-special = 特殊ファイル
perr-kind-file = ファイル
perr-noun-preset = プリセットファイル
perr-noun-data = データファイル
perr-not-regular = { $path }：これは{ $kind }で、{ $noun }ではありません：通常のファイルのパスを指定してください
perr-bytes = { $n } バイト
perr-cannot-read = { $path }：{ $noun }を読めません
perr-too-long = { $path }：ファイルが { $size } を超えています；{ $noun }は { $size } までです
perr-io-not-found = そのファイルやフォルダはありません
perr-io-permission = アクセス権がありません
perr-io = { $what }：{ $why }
perr-io-is-directory = ファイルではなくフォルダです
perr-io-not-directory = パスの途中にフォルダではなくファイルがあります
perr-io-invalid-data = ファイルの中身が正しくありません
perr-io-unexpected-eof = ファイルが途中で終わっています
perr-io-too-large = ファイルが大きすぎます
perr-io-name-too-long = ファイル名が長すぎます
perr-io-busy = ファイルが使用中です。もう一度試してください
perr-io-interrupted = 読み込みが中断されました。もう一度試してください
perr-io-storage-full = ディスクがいっぱいです
perr-io-read-only = ファイルシステムが読み取り専用です
perr-io-exists = ファイルがすでにあります
perr-io-out-of-memory = メモリが足りません
perr-io-other = システムからの報告：{ $reason }
perr-mnist-hint = 本書の dataset/mnist.py は train-images-idx3-ubyte.gz、train-labels-idx1-ubyte.gz、t10k-images-idx3-ubyte.gz、t10k-labels-idx1-ubyte.gz をその dataset/ フォルダにダウンロードします（そこで `python -c "import mnist; mnist.init_mnist()"` を実行）；そのフォルダを --data mnist:DIR で渡してください（gzip 圧縮のままでもかまいません）
perr-mnist-no-folder = データ "{ $data }" にフォルダがありません：mnist:DIR の形で、たとえば mnist:dataset と書いてください
perr-data-unknown = データセット "{ $data }" はありません：{ $names } のどれかを使ってください
perr-mnist-not-folder = { $path }：これは{ $kind }で、フォルダではありません；{ $hint }
perr-mnist-no-such-folder = { $path }：そのフォルダはありません；{ $hint }
perr-mnist-missing = { $path }：ありません（{ $name } もありません）；{ $hint }
perr-mnist-label-count = { $path }：画像 { $images } 枚に対してラベルが { $labels } 個です；画像ファイルとラベルファイルは対になっている必要があります
perr-mnist-label-range = { $path }：9 より大きいラベルがあります；MNIST のラベルは数字 0–9 です
perr-mnist-sizes = { $path }：テスト画像は { $test } ですが、訓練画像は { $train } です
perr-mnist-needs-folder = { $preset } は MNIST で学習しますが、MNIST は組み込まれていません：4 つのファイルがあるフォルダを --data mnist:DIR で渡してください。たとえば `backstep train --preset { $preset } --data mnist:dataset`；{ $hint }
perr-at-least = { $name } は { $n } ですが、{ $min } 以上でなければなりません
perr-too-large = { $name } = { $n } は大きすぎます
perr-iters-too-many = iters は { $n } ですが、{ $max } までです（本書の学習は 10000 回）
perr-not-finite = { $name } は{ $why }：有限の数を指定してください
perr-optimizer-unknown = 最適化手法 "{ $optimizer }" はありません：{ $names } のどれかを使ってください
perr-flag-iters-zero = --iters が 0 です：少なくとも 1 イテレーションは学習してください
perr-flag-iters-too-many = --iters は { $n } ですが、{ $max } までです（本書の学習は 10000 回；各イテレーションの損失はすべて保存されます）
perr-flag-batch-zero = --batch が 0 です：ミニバッチには少なくとも 1 行が必要です
perr-generated-only = { $what } は生成するデータセット（spiral、xor、circles、moons）にだけ使えます。{ $data } には使えません
perr-data-preset-none = [train] data = "preset" はプリセット自身の x と t で学習しますが、それがありません：x と t を加えるか、データセット（{ $names }）を指定してください
perr-type-string = 文字列
perr-type-integer = 整数
perr-type-float = 数値
perr-type-boolean = true か false
perr-type-datetime = 日付
perr-type-array = リスト
perr-type-table = テーブル
perr-not-a-number = { $what } は数値でなければなりませんが、{ $found }です
perr-value-not-finite = { $what } は{ $why }：値はすべて有限の数でなければなりません
perr-matrix-empty = { $field } が空です：少なくとも 1 行に 1 つの値を指定してください
perr-matrix-too-wide = { $field } は { $shape } です：行数・列数は { $max } までです
perr-matrix-too-many-cells = { $field } は { $shape } = { $cells } 要素です：1 つの行列は { $max } 要素までです
perr-matrix-not-rows = { $field } は行のリストでなければなりません。たとえば [[1.0, 2.0], [3.0, 4.0]]
perr-matrix-row-not-list = { $field } の { $row } 行目は{ $found }で、リストではありません：各行は [..] の形で書いてください
perr-matrix-ragged = { $field } の行の長さがそろっていません：0 行目は { $width } 個の値ですが、{ $row } 行目は { $len } 個です；どの行も同じ長さにしてください
perr-matrix-type = { $field } は行列（行のリスト）か生成器のテーブルでなければなりませんが、{ $found }です
perr-shape-whole = { $field }：shape には整数を並べてください。たとえば [2, 3]
perr-shape-missing = { $field }：生成器には shape = [行数, 列数] が必要です
perr-shape-two = { $field }：shape は [行数, 列数] でなければなりません
perr-shape-positive = { $field }：shape { $shape } は正の数でなければなりません
perr-fill-unknown-key = { $field }：fill の生成器にキー "{ $key }" はありません；fill と shape を使ってください。たとえば {"{"} fill = 0.0, shape = [3] {"}"}
perr-random-unknown-key = { $field }：生成器にキー "{ $key }" はありません；random、shape、scale、seed、init（または fill = v と shape）を使ってください
perr-random-kind = { $field }：random は "normal" か "uniform" でなければなりませんが、{ $found } です
perr-random-missing = { $field }：生成器のテーブルには random = "normal" か "uniform" が必要です
perr-seed-range = { $field }：seed は 0 から { $max } までの整数でなければなりませんが、{ $found } です
perr-labels-unknown-key = { $field }：ラベルの生成器にキー "{ $key }" はありません；random = "labels"、classes、shape、seed を使ってください。たとえば {"{"} random = "labels", classes = 10, shape = [100], seed = 3 {"}"}
perr-labels-classes = { $field }.classes は 1 から { $max } までの整数（クラス数、つまり最後のレイヤの幅）でなければなりませんが、{ $found } です
perr-labels-classes-missing = { $field }：ラベルの生成器には classes = K（クラス数、つまり最後のレイヤの幅）が必要です。たとえば classes = 10
perr-labels-count = { $field }.shape = [{ $n }]：ラベルの数は 1 から { $max } まででなければなりません
perr-labels-shape = { $field }.shape は [N]（整数 1 つ）でなければなりません：ラベルの数（x の 1 行に 1 つ）。たとえば [100]
perr-labels-shape-found = { $field }.shape は [N]（ラベルの数、x の 1 行に 1 つ）でなければなりません。たとえば [100]；実際は { $found }
perr-labels-shape-missing = { $field }：ラベルの生成器には shape = [N]（ラベルの数、x の 1 行に 1 つ）が必要です。たとえば [100]
perr-layer-needs = { $kind } レイヤには { $what } が必要です
perr-not-both = { $a } か { $b } のどちらか一方を指定してください
perr-one-row = { $key } は値の 1 行でなければなりません。たとえば [0.1, 0.2]
perr-whole-from-0 = { $key } は 0 以上の整数でなければなりませんが、{ $found } です
perr-flag = { $key } は true か false でなければなりませんが、{ $found } です
perr-layer-takes-nothing = type と name のほかにフィールドはありません
perr-layer-no-field = { $kind } レイヤにフィールド `{ $key }` はありません；使えるのは { $takes } です
perr-at = { $line } 行 { $column } 列
perr-x-missing = フィールド `x` がありません：入力のバッチを指定してください。たとえば x = [[1.0, 2.0]]（省略できるのは [train] でデータセットを指定したプリセットだけです）
perr-x-missing-with-t = t や dout はありますが x がありません：x も指定してください
perr-no-layers = このプリセットにはレイヤがありません：type のある [[layers]] テーブルを少なくとも 1 つ加えてください
perr-layer-type-unknown = レイヤの種類 "{ $kind }" はありません：使える種類は { $valid } です
perr-layer-which = { $n } 番目のレイヤ（{ $kind }）
perr-layer-empty-name = { $n } 番目のレイヤの名前が空です
perr-layer-same-name = 2 つのレイヤが "{ $name }" という名前です：それぞれ別の名前にしてください
perr-seed-out-of-range = seed = { $literal } は範囲外です：乱数シードは 0 から { $max } までの整数でなければなりません
perr-integer-out-of-range = { $literal } は整数の範囲（{ $min } から { $max }）を超えています；値のつもりなら 1e21 のように浮動小数点数で書いてください
perr-layer-n = { $n } 番目のレイヤ
perr-type-not-string = type は "relu" のような文字列でなければなりませんが、{ $found }です
perr-type-missing = フィールド `type` がありません
perr-name-not-string = name は文字列でなければなりませんが、{ $found }です
perr-t-random-numbers = t：random = "{ $kind }" が作るのは数値で、クラスのラベルではありません：ラベルは {"{"} random = "labels", classes = 10, shape = [100], seed = 3 {"}"} で生成するか、並べて書いてください
perr-t-generator = t：ラベルの生成器は {"{"} random = "labels", classes = 10, shape = [100], seed = 3 {"}"} と書きます
perr-t-type = t はクラスのラベルのリスト（[1, 0] など）、one-hot の行（[[0, 1], [1, 0]] など）、またはラベルの生成器（{"{"} random = "labels", classes = 10, shape = [100], seed = 3 {"}"} など）でなければなりません
perr-t-empty = t が空です：x の 1 行にラベルを 1 つ指定してください
perr-t-label = t[{ $i }] は { $found } です：平らなリストの t はクラスのラベル（0 以上の整数）です；one-hot の行は [[0, 1], [1, 0]] と書いてください
perr-number-overflow = ここの数値は{ $why }：有限の数を指定してください
perr-toml-unknown-field = フィールド `{ $field }` はありません（プリセットにあるのは title、description、x、t、dout と [[layers]]；レイヤにあるのは type、name とそのレイヤのフィールド）
perr-toml-unknown-field-graph = フィールド `{ $field }` はありません（計算グラフのプリセットにあるのは title、description、[inputs]、t、dout と [[nodes]]；ノードにあるのは name、type、inputs とレイヤのパラメータ）
perr-toml-missing-field = フィールド `{ $field }` がありません
perr-toml-invalid-type = ここには{ $expected }が必要ですが、{ $found }です
perr-toml-duplicate-key = このキーが 2 回書かれています：1 つにしてください
perr-toml-unquoted = 文字の値は引用符で囲んでください。たとえば type = "relu"
perr-toml-no-assignment = キーには = と値が必要です。たとえば lr = 0.1
perr-toml-no-value = = の後に値がありません
perr-toml-no-comma = リストの値の間にカンマがありません。たとえば [1.0, 2.0]
perr-toml-no-comma-table = インラインテーブルのキーの間にカンマがありません。たとえば {"{"} fill = 0.0, shape = [3] {"}"}
perr-toml-unclosed-array = リストが閉じていません：] で終えてください
perr-toml-unclosed-inline-table = インラインテーブルが閉じていません：{"}"} で終えてください
perr-toml-unclosed-table = テーブルの見出しが閉じていません：[train] や [[layers]] と書いてください
perr-toml-invalid-key = キーではありません：キーは英字、数字、_ と - でできています。たとえば test_fraction
perr-toml-extra-comma = カンマの後に値がありません：カンマを取ってください
perr-toml-syntax = ここは正しい TOML ではありません（TOML パーサの言葉：{ $detail }）
perr-node-n = { $n } 番目のノード
perr-node-no-name = { $n } 番目のノードに名前がありません：どのノードにも name = "…" を書いてください
perr-node-which = { $n } 番目のノード（{ $name }）
perr-node-two-inputs = { $kind } ノードは 2 つの値を inputs から受け取ります。`{ $key }` は使えません
perr-node-no-inputs = 入力がありません：読み込む名前を inputs = ["…"] で書いてください
perr-node-inputs-list = inputs は名前のリストでなければなりません。たとえば inputs = ["apple", "apple_num"]
perr-node-inputs-names = inputs に { $found } がありますが、並べるのは入力か前のノードの名前（文字列）です
perr-no-x = このプリセットには x がありません：入力のバッチを指定してください
perr-not-utf8 = { $path }：プリセットファイルを読めません：UTF-8 のテキストではありません（{ $offset } バイト目が無効）
perr-no-train-section = { $preset } には [train] がありません：学習用のプリセット（train-spiral、train-xor、train-digits、train-mnist）を選ぶか、[train] を加えてください
perr-no-builtin = 組み込みのプリセット "{ $name }" はありません：組み込みは { $names } です
perr-no-preset = プリセット "{ $name }" はありません：組み込みは { $names } です；.toml ファイルのパスも指定できます
perr-data-preset-needs-t = data = "preset" は x と t で学習します：最後のレイヤを softmax_with_loss にして、t を指定してください
perr-data-own-rows = [train] data = "{ $data }" は自分のデータを持つので、x と t は使われません：それらを消すか、data = "preset" にしてそれで学習してください
format-count-cell = 要素 { $n } 個
format-count-input-cell = 入力の要素 { $n } 個
format-count-target-cell = 教師データの要素 { $n } 個
format-count-value = 値 { $n } 個
format-count-step = { $n } ステップ
format-count-layer = レイヤ { $n } 個
format-count-row = { $n } 行
format-count-column = { $n } 列
format-not-a-number = "{ $typed }" は数値ではありません
format-not-finite = { $typed } は有限の数ではありません
format-is = { $typed } は{ $why }
cli-error = backstep：エラー：{ $message }
cli-err-prefix = エラー：{ $message }
cli-err-more = 詳しくは '--help' を見てください。
cli-err-unknown-arg = 知らない引数 '{ $arg }' があります
cli-err-unknown-command = 知らないサブコマンド '{ $name }' です
cli-err-value-required = '{ $arg }' には値が必要ですが、ありません
cli-err-invalid-value = '{ $arg }' の値 '{ $value }' は無効です
cli-err-invalid-value-why = '{ $arg }' の値 '{ $value }' は無効です：{ $why }
cli-err-too-many-values = '{ $arg }' に余分な値 '{ $value }' があります；これ以上の値は要りません
cli-err-conflict = 引数 '{ $arg }' は '{ $other }' といっしょに使えません
cli-err-twice = 引数 '{ $arg }' は 2 回使えません
cli-err-missing-arg = 必要な引数がありません：{ $arg }
cli-err-no-equals = '{ $arg }' に値を渡すには等号が必要です
cli-err-usage = backstep にはわからないコマンドラインです
cli-err-possible-values = [使える値：{ $values }]
cli-err-similar = ヒント：似たものがあります：'{ $similar }'
cli-err-whole = 0 以上の整数ではありません
cli-err-whole-too-large = 整数としては大きすぎます
cli-err-threads = 使うコア数を 1 から 1024 までの整数で指定してください
perr-what-affine-w = W（D×H の行列）
perr-what-affine-b = b（H 個の値）
perr-what-mul-w = w（x と同じ形状か 1×1）
perr-what-add-b = b（x と同じ形状か 1×1）
perr-what-conv-w = W（FN×C×FH×FW）
perr-what-conv-b = b（FN 個の値）
perr-what-pool-h = pool_h（ウィンドウの高さ）
perr-what-pool-w = pool_w（ウィンドウの幅）
perr-what-gamma = gamma（列ごとに 1 つの値）
perr-what-beta = beta（列ごとに 1 つの値）

## area: hist
hist-about = 1,000 個の入力をネットワークに通し、各隠れ層の活性化関数の出力を [0, 1] の 30 個の区間に数える（本書 6.2.2 節）
hist-arg-format = 出力形式：text か json（画面を開かずに実行）。指定しないとき：stdout が端末ならヒストグラム画面、それ以外は text
hist-no-activation = このネットワークには出力を数えられる活性化関数レイヤ（relu、sigmoid、tanh）がない：init-sigmoid、init-tanh、init-relu か隠れ層のあるネットワークを使う
hist-not-finite = { $layer } が有限でない数を出力した（重みが f64 には大きすぎる）：--init を小さくしてみる（std:0.01 など）
hist-graph = { $preset } はノードのグラフで、レイヤの連なりではない：ヒストグラムには init-sigmoid のようなレイヤが要る
hist-init-flag = 重み W は --init { $init } で生成
hist-init-preset = 重み W はプリセットのとおり
hist-header = 入力 { $samples } 個 · 活性化関数レイヤ { $layers } 個 · { $init } · [{ $lo }, { $hi }] に { $bins } 個の区間、plt.hist(a.flatten(), 30, range=(0,1)) と同じ
hist-col-bin = 区間
hist-below = { $edge } 未満
hist-above = { $edge } 超
presets-title-init-sigmoid = アクティベーションのヒストグラム：Sigmoid、重みの標準偏差 1
presets-title-init-tanh = アクティベーションのヒストグラム：tanh、重みの標準偏差 1
presets-title-init-relu = アクティベーションのヒストグラム：ReLU、重みの標準偏差 1
presets-description-init-sigmoid = weight_init_activation_histogram.py：N(0, 1) に従う入力 1,000 個（特徴 100 個）、各 100 ノードの隠れ層五つ、活性化関数 Sigmoid、W = np.random.randn(100, 100) * 1、バイアスなし（図 6-10；--init std:0.01 で図 6-11、--init xavier で図 6-12）
presets-description-init-tanh = weight_init_activation_histogram.py：N(0, 1) に従う入力 1,000 個（特徴 100 個）、各 100 ノードの隠れ層五つ、活性化関数 tanh、W = np.random.randn(100, 100) * 1、バイアスなし（--init xavier で図 6-13）
presets-description-init-relu = weight_init_activation_histogram.py：N(0, 1) に従う入力 1,000 個（特徴 100 個）、各 100 ノードの隠れ層五つ、活性化関数 ReLU、W = np.random.randn(100, 100) * 1、バイアスなし（--init std:0.01、xavier、he で図 6-14）
presets-summary-init-sigmoid = 実験（図 6-10～6-12）：重みの初期値を変えると Sigmoid の出力が五つの層でどう分布するか；backstep histogram で
presets-summary-init-tanh = 実験（図 6-13）：tanh の五つの層での出力、重みの標準偏差 1 か --init xavier；backstep histogram で
presets-summary-init-relu = 実験（図 6-14）：ReLU の五つの層での出力、標準偏差 0.01、Xavier、He；backstep histogram で
hist-screen-header = 入力 { $samples } 個 · { $init } · 共通の目盛り：最長の棒は { $most } 個
hist-screen-more = { $about } · あと { $hidden } 層が入らない：端末を広げるか --format text を使う
hist-no-reload = { $key } で描き直せるのは [train] のないプリセット（組み込みかファイル）；このプリセットはコマンドラインで --init を使う
keys-histogram-next-init = 次の重みの初期値ですべての W を生成し直して数え直す：プリセットのもの → 標準偏差 0.01 → Xavier → He
keys-short-init = 初期値
keys-context-histogram = ヒストグラム画面で
keys-histogram-back = ヒストグラム画面を閉じる
keys-short-leave = 閉じる

## area: cmpui
cmpui-no-runs = 比較する実行がない：--vary KEY=V1,V2,… で値を与える
cmpui-worker-stopped = { $runs } 個の実行の学習スレッドが止まった；r でやり直す
cmpui-opening = { $value } の反復 { $iteration } をエクスプローラで開いています…
cmpui-nothing-to-close = 閉じるものはない · { $quit } で終了
cmpui-state-running = ▶ 実行中
cmpui-state-paused = ‖ 一時停止
cmpui-state-finished = ✓ 完了
cmpui-state-failed = ✗ 失敗
cmpui-full-speed = 全速
cmpui-speed = 毎秒最大 { $speed } 反復
cmpui-status = { $state } · { $key }：実行 { $runs } 個 · 反復 { $done }/{ $iters }（最も遅い実行） · { $speed }
cmpui-about = データ { $data }：訓練 { $train } 行、テスト { $test } 行 · 乱数シード { $seed } · { $preset } — { $title }
cmpui-loss-title = 反復ごとの損失（列ごとの平均）
cmpui-no-iterations = まだ反復がない
cmpui-test-acc-title = エポックごとのテストの認識精度
cmpui-train-acc-title = エポックごとの訓練の認識精度
cmpui-no-epochs = まだ終わったエポックがない
cmpui-axis-iteration = 反復
cmpui-legend-title = 実行：{ $key }
cmpui-hidden = （非表示）
cmpui-run-detail = { $state } · { $iteration }/{ $iters } · { $optimizer } 学習率 { $lr }
cmpui-legend-columns = 各実行：損失 · 認識精度
keys-context-compare = 比較画面で
keys-compare-run-pause = すべての実行を実行／一時停止
keys-compare-one-iteration = どの実行も 1 回だけ反復する（先に一時停止）
keys-compare-slower = 遅く：全速 → 毎秒 1000 → 100 → 10 → 1 反復、すべての実行
keys-compare-faster = 速く：毎秒 1 → 10 → 100 → 1000 反復 → 全速、すべての実行
keys-compare-up = 上の実行を選ぶ（凡例の ▸）
keys-compare-down = 下の実行を選ぶ
keys-compare-toggle-run = 選んだ実行の曲線を隠す／表示する
keys-compare-restart = すべての実行を初期の重みと次の乱数シードで反復 0 からやり直す（一時停止）
keys-compare-confirm = 選んだ実行のこれから実行する反復をエクスプローラで開く：そのミニバッチと今の重み、順伝播・逆伝播・更新（すべての実行が一時停止；Esc でここへ戻る）
keys-compare-back = ここには閉じるものがない；q で終了
keys-short-pick = 選ぶ
keys-short-hide = 表示／非表示

## area: search
search-about = 学習率と Weight decay を対数一様分布から選び、それぞれ訓練データの 80 % で一回ずつ試行を学習して、検証データの認識精度で順位をつける（本書 6.5 節）
search-arg-format = 出力形式：text、json（画面なしで実行）。指定しないとき：stdout が端末なら探索画面、それ以外は text
search-arg-trials = 試行の回数（本書は 100）、最大 10000
search-arg-epochs = 各試行が学習するエポック数（本書は 50）
search-arg-lr = 学習率を対数一様分布から選ぶ範囲、LO,HI の形で（デフォルト：本書の 1e-6,1e-2）
search-arg-weight-decay = Weight decay λ を対数一様分布から選ぶ範囲、LO,HI の形で（デフォルト：本書の 1e-8,1e-4）
search-arg-seed = データ、分割、検証データ、抽選、ミニバッチの順序の乱数シード
search-too-many-trials = 試行は最大 { $max } 回です
search-too-many-epochs = ここでは 1 エポックが { $per_epoch } 回の反復で、一回の試行は最大 { $max } 回まで学習します：エポック数は最大 { $most } にしてください
srchui-cancelling = 取り消し中：実行中の試行は次の反復で止まる；終わった試行は一覧に残る
srchui-nothing-to-cancel = 探索は実行中ではない：取り消すものはない · { $quit } で終了
srchui-status-running = ▶ 探索中 · { $done }/{ $trials } 回の試行が終了 · 全試行のエポック { $epochs_done }/{ $epochs }（{ $percent } %）
srchui-status-cancelling = … 取り消し中 · { $done }/{ $trials } 回の試行が終了
srchui-status-finished = ✓ 完了 · { $trials } 回の試行、各 { $epochs } エポック、最後の検証データの認識精度で順位づけ
srchui-status-cancelled = ✗ 取り消し · { $trials } 回の試行のうち { $done } 回が終了；残りは最後まで学習していない
srchui-status-chance = ✓ 完了 · どの試行も当てずっぽうより良くない：--lr { $lo },{ $hi } を試してください（プリセットの学習率は { $lr }）
srchui-status-failed = ✗ 失敗：{ $error }
srchui-about = { $preset } — { $title } · { $data }：訓練 { $train } 行、検証 { $validation } 行 · 乱数シード { $seed }
srchui-ranges = 学習率 { $lr_lo }…{ $lr_hi }、Weight decay { $wd_lo }…{ $wd_hi } を対数一様分布から選ぶ · 各試行 { $epochs } エポック
srchui-list-title = 試行、良い順
srchui-col-rank = Best
srchui-col-val-acc = 検証精度
srchui-col-lr = 学習率
srchui-col-weight-decay = Weight decay
srchui-no-trials = まだ終わった試行はない
srchui-chart-title = 検証データの認識精度、上位 { $best } 回
srchui-chart-title-empty = 検証データの認識精度
srchui-no-curves = 試行が終わるとグラフが現れる
srchui-axis-epoch = エポック
srchui-detail = ▸ Best-{ $rank }（試行 { $trial }）· 学習率 { $lr } · Weight decay { $decay } · { $glyph } 検証精度 · { $dots } 訓練精度
keys-context-search = 探索画面で
keys-search-up = 上の試行を選ぶ（一覧の ▸）
keys-search-down = 下の試行を選ぶ
keys-search-page-up = 10 個上の試行を選ぶ
keys-search-page-down = 10 個下の試行を選ぶ
keys-search-first = 一番良い試行を選ぶ
keys-search-last = 一番悪い試行を選ぶ
keys-search-back = 実行中の探索を取り消す：終わった試行は一覧に残る

## area: convtrain
keys-train-conv-view = 最初の層が畳み込みのとき：グラフ → 学習前と学習後のフィルター（本の図 7-24）→ 選んだテスト画像の畳み込み後とプーリング後の特徴マップ → グラフ
keys-train-next-image = 最初の層が畳み込みのとき：次のテスト画像の特徴マップ
keys-train-prev-image = 最初の層が畳み込みのとき：前のテスト画像の特徴マップ
convtrain-no-conv = { $key }/Tab：最初の層が畳み込みではないので、フィルターと特徴マップはない
convtrain-now-title = 今の { $filters }
convtrain-now-hint = { $key } でほかの表示
convtrain-filters = { $layer }：フィルター { $n } 個 { $shape }
convtrain-filters-part = { $layer }：フィルター { $n } 個中 { $shown } 個 { $shape }
convtrain-filters-title = 最初の層の学習前と学習後のフィルター（図 7-24）· { $key } 特徴マップ
convtrain-filters-legend = 各フィルターをそれぞれの範囲で表示：最小  ░▒▓█ 最大
convtrain-before = 学習前
convtrain-after = { $n } イテレーション後
convtrain-maps-title = テスト画像 { $image }/{ $n }（{ $label }）の特徴マップ · { $next } 次へ · { $key } グラフ
convtrain-maps = { $layer }：特徴マップ { $n } 枚 { $shape }
convtrain-maps-part = { $layer }：特徴マップ { $n } 枚中 { $shown } 枚 { $shape }
convtrain-reduced = { $shape }、1 マス { $k }×{ $k }
convtrain-after-conv = 畳み込みの後
convtrain-after-pool = プーリングの後
convtrain-input = 入力
convtrain-maps-waiting = 特徴マップを計算中…
