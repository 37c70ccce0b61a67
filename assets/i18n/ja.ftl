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

## area: narr

## area: explorer

## area: report

## area: ch6a

## area: ch6b

## area: conv

## area: convui
