# backstep 的中文消息（Project Fluent 语法）。与 en.ftl 的 id 和参数完全相同（有测试检查）。

## area: lang
lang-unknown = backstep 不支持语言 { $value }：请用 { $choices }

## area: presets
presets-summary-two-layer = Affine → ReLU → Affine → Softmax-with-Loss：书中的 TwoLayerNet（小规模）
presets-summary-mask = NumPy 的布尔值掩码，ReLU 用的工具：a = [[1,2,-3],[2,3,4]]，mask = (a <= 0)
presets-summary-relu = 书中的 ReLU 例子（第 5 章）：x = [[1.0,-0.5],[-2.0,3.0]]
presets-summary-sigmoid = Sigmoid 的正向传播分三步；反向传播只用保存的 y
presets-summary-bias-sum = 书中偏置的按列求和（第 5 章）：dY = [[1,2,3],[4,5,6]] 得到 db = [5,7,9]
presets-summary-affine = 一个 Affine 层，批大小 4：dX、dW 和 db
presets-summary-softmax = 单独的 Softmax，给定 dout：反向传播在每一行内混合
presets-summary-softmax-loss = Softmax-with-Loss：书中的 y = (0.3, 0.2, 0.5) 得到 y − t = (0.3, −0.8, 0.5)
presets-summary-apple = 买苹果：100 × 2 × 1.1 = 220；d apple 2.2，d count 110，d tax 200
presets-summary-apple-orange = 书中的计算图：(100 × 2 + 150 × 3) × 1.1 = 715；d apple 2.2，d orange 3.3，d tax 650
presets-summary-fan-out = f = (x + y) × x：x 被用了两次，所以它的梯度相加（3 + 5 = 8）
presets-summary-sigmoid-graph = 图 5-19：用 ×(−1)、exp、+1、/ 节点表示 Sigmoid；x = −2 时 y = 0.1192，dx = 0.105 = y(1 − y)
presets-summary-apple-fee = 苹果加运费（一个加法节点）：(100 × 2 + 50) × 1.1 = 275
presets-summary-dropout = 第 6 章的 Dropout，夹在两个 Affine 层之间：mask = rand > 0.5，rand 来自 SplitMix64 随机种子 0（不是 NumPy 的）
presets-summary-batchnorm = 第 6 章的 Batch Normalization：均值、中心化、方差、标准差、x̂、γ ⊙ x̂ + β，反向传播 8 个子步骤
presets-summary-train-spiral = 训练：CS231n 的网络 2 → 100 → 3，3 臂螺旋数据，SGD 学习率 1.0
presets-summary-train-xor = 训练：2 → 8 → 2 用全批量梯度下降学会 XOR
presets-summary-train-digits = 训练：书中的 TwoLayerNet 64 → 50 → 10，内置 8×8 手写数字
presets-summary-train-mnist = 训练：ch05/train_neuralnet.py，784 → 50 → 10，MNIST（需要 --data mnist:DIR）
presets-title-two-layer = 两层网络
presets-title-mask = 布尔值掩码
presets-title-relu = ReLU
presets-title-sigmoid = Sigmoid
presets-title-bias-sum = 偏置的按列求和
presets-title-affine = 批处理的 Affine
presets-title-softmax = Softmax
presets-title-softmax-loss = Softmax-with-Loss
presets-title-apple = 买苹果
presets-title-apple-orange = 苹果和橘子
presets-title-fan-out = 一个值用了两次
presets-title-sigmoid-graph = 用计算图表示 Sigmoid
presets-title-apple-fee = 苹果加运费
presets-title-dropout = Dropout
presets-title-batchnorm = Batch Normalization
presets-title-train-spiral = 螺旋，3 个类别
presets-title-train-xor = XOR
presets-title-train-digits = 手写数字，8×8
presets-title-train-mnist = MNIST
presets-title-lab-optimizers = 实验：四种最优化方法（图 6-9）
presets-title-lab-batchnorm = 实验：Batch Normalization（图 6-19）
presets-title-lab-dropout = 实验：用 Dropout 抑制过拟合（图 6-23）
presets-description-two-layer = Affine → ReLU → Affine → Softmax-with-Loss：书中的 TwoLayerNet，2 个样本，3 个输入，4 个隐藏单元，3 个类别
presets-description-mask = NumPy 的布尔值掩码，ReLU 用的工具：a = [[1,2,-3],[2,3,4]]，c = (a <= 0)，b[c] = 0
presets-description-relu = 书中的 ReLU 例子（第 5 章）x = [[1.0, -0.5], [-2.0, 3.0]]：正向传播得到 [[1, 0], [0, 3]]；反向传播再次使用掩码
presets-description-sigmoid = 分三步计算 y = 1/(1 + exp(−x))；反向传播 dx = dout ⊙ y ⊙ (1 − y) 只需要保存下来的 y
presets-description-bias-sum = 书中的例子（第 5 章，批版本的 Affine 层）：X·W = [[0,0,0],[10,10,10]]，b = [1,2,3]；dY = [[1,2,3],[4,5,6]] 得到 db = [5,7,9]，即 dY 按列求和（axis=0）
presets-description-affine = 批大小为 4 的 Y = X·W + b：dX = dY·Wᵀ，dW = Xᵀ·dY，db = dY 按列求和（axis=0）
presets-description-softmax = 按行计算的 softmax（先减去最大值）；反向传播 dx = y ⊙ (dout − Σ dout ⊙ y) 在每一行内混合
presets-description-softmax-loss = 先 Softmax 再交叉熵误差；反向传播是 (y − t)/N。第 0 行就是书中的 y = (0.3, 0.2, 0.5)
presets-description-apple = 书中的计算图：苹果 100 × 个数 2 × 消费税 1.1 = 220；从 1 开始反向传播
presets-description-apple-orange = 书中的计算图（图 5-17）：(100 × 2 + 150 × 3) × 1.1 = 715；从 1 开始反向传播：d apple 2.2，d apple_num 110，d orange 3.3，d orange_num 165，d tax 650
presets-description-fan-out = f = (x + y) × x，x = 3，y = 2：x 输入到两个节点，所以它的梯度相加：∂f/∂x = 3 + 5 = 8，∂f/∂y = 3
presets-description-sigmoid-graph = 书中的图 5-19：用基本节点 ×(−1)、exp、+1 和 / 表示 y = 1/(1 + exp(−x))；反向传播得到 dx = y(1 − y)，和 Sigmoid 层的一样
presets-description-apple-fee = 一个加法节点：(苹果 100 × 个数 2 + 运费 50) × 消费税 1.1 = 275；加法节点把梯度原样传下去
presets-description-dropout = Affine → Dropout → Affine → Softmax-with-Loss：第 6 章的 Dropout，掩码由 backstep 自己的生成器产生（SplitMix64，随机种子 0），不是 np.random.seed(0)
presets-description-batchnorm = BatchNorm → Affine → Softmax-with-Loss：第 6 章的 Batch Normalization，批大小 4，反向传播分 8 个子步骤
presets-description-train-spiral = CS231n 的两层网络（2 → 100 → 3），在 3 臂螺旋数据上训练
presets-description-train-xor = 2 → 8 → 2 的网络用普通的梯度下降法学会 XOR（每次迭代都用全部行）
presets-description-train-digits = 书中的 TwoLayerNet（64 → 50 → 10），使用 backstep 内置的 1,797 个手写数字
presets-description-train-mnist = ch05/train_neuralnet.py：TwoLayerNet 784 → 50 → 10，MNIST（需要 --data mnist:DIR）
presets-description-lab-optimizers = 在手写数字上运行 optimizer_compare_mnist.py：五个 Affine 层（四个隐藏层，各 100 个节点，ReLU，He 初始值），SGD、Momentum、AdaGrad 和 Adam 用书中的默认值
presets-description-lab-batchnorm = 在手写数字上运行 batch_norm_test.py：六个 Affine 层（五个隐藏层，各 100 个节点，ReLU），权重 0.01·N(0, 1)，训练数据 1,000 行，SGD 学习率 0.01，20 个 epoch；在每个隐藏的 Affine 层之后不加与加 BatchNorm
presets-description-lab-dropout = 在手写数字上运行 overfit_dropout.py：七个 Affine 层（六个隐藏层，各 100 个节点，ReLU，He 初始值），训练数据 300 行，SGD 学习率 0.01，301 个 epoch；在每个隐藏的 ReLU 之后不加与加比例 0.2 的 Dropout
presets-summary-lab-optimizers = 实验（图 6-9）：在 5 层 ReLU 网络上比较 SGD、Momentum、AdaGrad 和 Adam，手写数字；用 backstep compare
presets-summary-lab-batchnorm = 实验（图 6-19）：6 层网络，权重初始为 0.01·N(0, 1)，不用与使用 Batch Normalization 对比，手写数字；用 backstep compare
presets-summary-lab-dropout = 实验（图 6-23）：7 层网络只用 300 行训练数据会过拟合；Dropout 0.2 缩小训练与测试识别精度之差；用 backstep compare

## area: narr
narr-expansion-elided = { $head } + …（共 { $n } 项）… { $last }
narr-matmul-note = 共 { $n } 项：{ $a } 的第 { $r } { $a_line ->
        [column] 列
       *[row] 行
    }乘以 { $b } 的第 { $c } { $b_line ->
        [row] 行
       *[column] 列
    }
narr-broadcast-note = { $name } 的形状是 { $shape }：每一{ $every ->
        [cell] 个元素
        [row] 行
       *[column] 列
    }都使用同一个 { $cell }（广播）
narr-sum-columns-note = 偏置被加到了{ $rows ->
        [1] 仅有的一行
        [2] 两行
       *[other] 全部 { $rows } 行
    }上，所以它的梯度是 { $name } 第 { $c } 列的按列求和
narr-sum-rows-note = { $name } 第 { $r } 行的和
narr-sum-all-note = 1×1 的操作数被广播到了每个元素，所以它的梯度是所有元素之和
narr-mean-note = 损失是整个批次的平均值
narr-mask-test = { $value } { $rule } 为 { $truth }
narr-mask-relu-true = True：这个元素被掩码屏蔽 —— ReLU 在这里输出 0，并阻断它的梯度
narr-mask-relu-false = False：这个元素通过 —— ReLU 输出 x，梯度照常传回
narr-mask-dropout-true = True：这个元素被保留 —— Dropout 在这里输出 x，梯度照常传回
narr-mask-dropout-false = False：这个元素被丢弃 —— Dropout 在这里输出 0，并阻断它的梯度
narr-apply-mask-numbers = { $happened ->
        [masked] 被掩码屏蔽 → 0（原为 { $value }）
        [dropped] 被丢弃 → 0（原为 { $value }）
        [kept] 保留 → { $value }
       *[passed] 通过 → { $value }
    }
narr-apply-mask-note = { $happened ->
        [masked] 被掩码屏蔽
        [dropped] 被丢弃
        [kept] 保留
       *[passed] 通过
    }：{ $cell } 为 { $truth }
narr-sub-row-max-note = 第 { $r } 行的最大值是 { $cell }；减去它可以防止 exp 溢出，且不改变 softmax 的结果
narr-cross-entropy-note = 只有正确类别的 t = 1，所以这就是正确答案的 −log y
narr-column-reduce-note = 共 { $n } 项，第 { $c } 列的每一行 n 各一项：正向传播时每一行都用了同一个值，所以它的梯度（或统计量）要把它们全部加起来
narr-adam-step-note = lr_t = { $lr_t } 是本次迭代经过偏差修正后的学习率
narr-adagrad-step-note = 梯度一直较大（h 较大）的元素，更新步长会变小
narr-cached-read = 正向传播第 { $step } 步缓存的{ $mask ->
        [yes] 掩码
       *[no] {""}
    } { $name }
narr-cached-and = { $first } 和 { $then }
narr-uses-cached = ；这里使用{ $reads }
narr-dout-loss = 反向传播从这里开始：损失 L = { $loss }，起点是 ∂L/∂L = 1。
narr-dout-start = { $d }（{ $shape }{ $book ->
        [yes] ，即书中的 dout
       *[no] {""}
    }）是起始梯度：设 L = Σ { $d } ⊙ { $out }，则 { $d }[0,0] = { $first } = ∂L/∂{ $out }[0,0]。
narr-dout-arrives = { $name } 的{ $book ->
        [yes] { $d }（即书中的 dout = ∂L/∂{ $out }）
       *[no] dout = ∂L/∂{ $out }
    }（{ $shape }）来自下一层 { $next }，是它的 dx；{ $d }[{ $r },{ $c }] = { $v }：把 { $out }[{ $r },{ $c }] 微调 h，L 大约变化 { $v }·h。
narr-dout-graph-output = 反向传播从这里开始：在输出 { $name } 处，起点是 dout = ∂{ $of }/∂{ $of } = 1。
narr-dout-graph-start = dout（{ $shape }）是输出 { $name } 处的起始梯度：设 L = Σ dout ⊙ out，则 dout = ∂L/∂{ $name } = { $value }。
narr-dout-graph-one = dout = ∂{ $of }/∂{ $name } = { $value }，来自 { $from }（它对这个输入的梯度）。
narr-dout-graph-sum = dout = ∂{ $of }/∂{ $name } = { $value }：{ $name } 流向 { $n } 个节点（{ $from }），所以它的梯度是它们的梯度之和。
narr-relu-mask = 其中 { $k } 个元素（共 { $n } 个）≤ 0，变为 True；掩码保留给反向传播使用
narr-relu-apply-small = 复制 x，并把 True 的元素清零：out = { $out }
narr-relu-apply = 复制 x，并把 { $k } 个 True 的元素清零
narr-relu-backward = 正向传播时被置为 0 的元素不随 x 变化，所以它的梯度是 0：被阻断 { $k } 个，共 { $n } 个元素
narr-affine-xw = X（{ $x }）· W（{ $w }）→ { $xw }：每个元素是 X 的一行与 W 的一列的点积，例如 (X·W)[0,0] = { $first }；X 保留给反向传播使用
narr-affine-add-b = b = { $b } 被加到{ $rows ->
        [1] 仅有的一行
        [2] 两行
       *[other] 全部 { $rows } 行
    }上（广播），所以反向传播要把 dY 按行相加。b 显示为 1×{ $h }；NumPy 的 self.b 形状是 ({ $h },)
narr-affine-dx = dY（{ $dy }）· Wᵀ（{ $wt }）→ dX（{ $dx }）：X[n,i] 通过 W 的第 i 行影响 Y[n,·]，所以它的梯度汇集 dY[n,·]·W[i,·]；dX[0,0] = { $first }
narr-affine-dw = Xᵀ（{ $xt }）· dY（{ $dy }）→ dW（{ $dw }），与 W 形状相同；W[i,j] 在每一行 n 都与 X[n,i] 相乘，所以 dW[i,j] 是 X[n,i]·dY[n,j] 在整个批次上的和（dY 就是书中的 dout）
narr-affine-db = b 被加到了{ $rows ->
        [1] 仅有的一行
        [2] 两行
       *[other] 全部 { $rows } 行
    }上，所以 db 是 dY 按行相加（axis=0）的结果：每列一个总和，{ $db }。db 显示为 1×{ $h }；NumPy 的 np.sum(dout, axis=0)（dY 就是书中的 dout）形状是 ({ $h },)
narr-softmax-sub-max = 每一行减去它的最大得分：exp 不会再溢出，而 softmax 的结果不变
narr-softmax-exp = 现在每个元素都在 (0, 1] 内，每行最大的那个元素恰好是 1
narr-softmax-row-sum = 每行一个和（N×1 的一列）：s[0] = { $first }
narr-softmax-div = 现在每一行的和都是 1：y 的第 0 行 = { $row }；y 保留给反向传播使用
narr-softmax-back-p = 一行的每个输出都依赖于这一行的每个输入，所以这一行的梯度会相互混合
narr-softmax-back-sum = sum_p[n] = Σₖ dout[n,k]·y[n,k]，是整行共享的部分；sum_p[0] = { $first }
narr-softmax-back-sub = 每个元素减去这一行共享的部分
narr-softmax-back-dx = 把雅可比矩阵 diag(y) − y·yᵀ 作用于 dout，而不必把它构造出来；dx[0,0] = { $first }
narr-loss-log = 加上 1e-7 是为了避免 log(0) = −inf
narr-loss-rows = t 在每一行选出正确类别的对数概率：ℓ = { $l }；显示为 { $n }×1，NumPy 的 l 形状是 ({ $n },)
narr-loss-mean = 损失是{ $rows ->
        [1] 仅有的一行
        [2] 两行
       *[other] 全部 { $rows } 行
    }的平均：L = { $loss }{ $below_zero ->
        [yes] （低于 0 只是因为书中的 1e-7：当 y 为 1 时，−log(y + 1e-7) = −log(1.0000001) ≈ −1e-7）
       *[no] {""}
    }；显示为 1×1，NumPy 的 self.loss 是一个标量
narr-loss-back-error = softmax 与交叉熵误差合在一起，化简为 y − t：每个概率的误差
narr-loss-back-div = L 是 N = { $n } 行的平均，所以每一行的梯度都要除以 N
narr-node-partial = { $shared ->
        [yes] ；经过 { $node } 的 ∂{ $of }/∂{ $name }（一条路径）= { $v }：{ $name } 还流向其他节点，它的总梯度是所有路径之和
       *[no] ；∂{ $of }/∂{ $name } = { $v }
    }
narr-sigmoid-exp = e[0,0] = { $expr } = { $first }
narr-sigmoid-add-one = 每个元素加 1
narr-sigmoid-out = y = 1/(1 + exp(−x))，取值在 0 到 1 之间；y[0,0] = { $first }；y 保留给反向传播使用
narr-sigmoid-back-u = 反向传播只需要输出 y，不需要 x
narr-sigmoid-back-g = 局部导数 ∂y/∂x = y(1 − y)，最大为 0.25（在 x = 0 处）；g[0,0] = { $first }
narr-sigmoid-back-dx = 链式法则，逐个元素：dx = dout · ∂y/∂x；dx[0,0] = { $dout } · { $g } = { $first }
narr-tanh-out = y = tanh(x)，取值在 −1 到 1 之间；y[0,0] = { $expr } = { $first }；y 保留给反向传播使用
narr-tanh-back = ∂tanh(x)/∂x = 1 − tanh(x)² = 1 − y²，最大为 1（在 x = 0 处）；dx[0,0] = { $dout } · (1 − { $y }²) = { $first }
narr-exp-out = { $out }[0,0] = { $expr } = { $first }；exp 的导数就是它自己，所以 { $out } 保留给反向传播使用
narr-exp-back = ∂exp({ $x })/∂{ $x } = exp({ $x }) = { $out }，所以 { $dx } = dout · { $out }；{ $dx }[0,0] = { $dout } · { $kept } = { $first }{ $partial }
narr-log-out = 自然对数；{ $out }[0,0] = { $expr } = { $first }；{ $x } 保留给反向传播使用
narr-log-back = ∂log({ $x })/∂{ $x } = 1/{ $x }，所以 { $dx } = dout / { $x }；{ $dx }[0,0] = { $dout } / { $kept } = { $first }{ $partial }
narr-reciprocal-out = { $out }[0,0] = { $expr } = { $first }；{ $out } 保留给反向传播使用
narr-reciprocal-back = ∂(1/{ $x })/∂{ $x } = −1/{ $x }² = −{ $out }²，所以 { $dx } = −dout · { $out }²；{ $dx }[0,0] = −{ $dout } · { $y }² = { $first }{ $partial }
narr-mul-out = { $x0 } × { $y0 } = { $first }；{ $x } 保留给反向传播使用（求 { $dy } 时要用）
narr-mul-back-dx = 乘法节点会把输入“翻转”：{ $x } 的梯度是 dout 乘以另一个因子 { $y }：{ $dout } × { $y0 } = { $first }{ $partial }
narr-mul-back-dy = { $y } 的梯度则是 dout 乘以 { $x }：{ $dout } × { $x0 } = { $first }{ $partial }
narr-mul-back-sum = { $y } 是 1×1，用在了每个元素上，所以它的梯度把它们加起来：{ $dy } = { $value }{ $partial }
narr-add-out = { $x0 } + { $y0 } = { $first }
narr-add-back-dx = 加法节点把梯度原样传下去：∂{ $sum }/∂{ $x } = 1{ $partial }
narr-add-back-sum = { $y } 是 1×1，被加到了每个元素上，所以它的梯度是 dout 的总和：{ $value }{ $partial }
narr-add-back-dy = 传给 { $y } 的也一样：∂{ $sum }/∂{ $y } = 1{ $partial }
narr-fan-in-total = { $name } 流向 { $n } 个节点，所以它的梯度把每条路径传回来的值加起来：总的 ∂{ $of }/∂{ $name } = { $terms } = { $total }
narr-fan-in-so-far = { $name } 流向 { $n } 个节点，所以它的梯度把每条路径传回来的值加起来：目前为 { $acc } + { $g } = { $total }
narr-dropout-test = 测试时不删除任何元素；每个元素都乘以 1 − { $ratio } = { $keep }，即训练时平均保留的比例
narr-dropout-mask = { $k } 个均匀随机数（共 { $n } 个）> { $ratio }，变为 True：这些元素被保留（与 ReLU 的掩码相反，ReLU 中 True 表示被清零的元素）。这些随机数来自 backstep 自己的生成器 SplitMix64，随机种子为 { $seed }，而不是 np.random.seed({ $seed })：NumPy 会抽出不同的数。掩码保留给反向传播使用
narr-dropout-apply = 保留 True 的元素，把 { $k } 个 False 的元素清零
narr-dropout-back-test = 正向传播时每个元素都乘以了 1 − ratio，所以反向传播时每个梯度也乘以同样的值
narr-dropout-back = 被删除的元素没有传到输出，所以它的梯度是 0：被阻断 { $k } 个，共 { $n } 个元素

## area: explorer
keys-explore-next-step = 下一步
keys-short-step = 步骤
keys-explore-prev-step = 上一步
keys-explore-first-step = 第一步
keys-explore-last-step = 最后一步
keys-explore-forward-start = 跳到正向传播的开头
keys-explore-backward-start = 跳到反向传播的开头
keys-short-backward = 反向
keys-explore-focus-next = 聚焦下一个矩阵面板
keys-short-pane = 面板
keys-explore-focus-prev = 聚焦上一个矩阵面板
keys-explore-up = 单元格光标上移
keys-explore-down = 单元格光标下移
keys-explore-left = 单元格光标左移
keys-explore-right = 单元格光标右移
keys-short-cell = 单元格
keys-explore-confirm = 解释选中的单元格（每一项及其数值）
keys-short-explain = 解释
keys-explore-more-decimals = 多显示一位小数
keys-explore-fewer-decimals = 少显示一位小数
keys-explore-toggle-graph = 计算图视图：整个计算图，或把这一层画成书中的图；Tab 选一条边，Enter 解释它
keys-short-graph = 计算图
keys-explore-check = 梯度确认：误差反向传播法与数值微分的比较，以及各自的计算量（在后台运行；Esc 取消）
keys-short-check = 梯度确认
keys-explore-page-up = 在聚焦的矩阵中光标上移一页
keys-explore-page-down = 在聚焦的矩阵中光标下移一页
keys-explore-row-start = 光标移到本行第一列
keys-explore-row-end = 光标移到本行最后一列
keys-explore-edit = 修改 x、W、b、w、t 或 dout 中选中的单元格（one-hot 的 t：输入类别）；之后的一切都会重新计算
keys-short-edit = 修改
keys-explore-open-picker = 选择预设：内置的、当前目录下的 .toml，或输入路径
keys-short-presets = 预设
keys-explore-nudge = 把 x、W、b、w 或某个正向输出中选中的单元格推动 h：实际变化 与 梯度 × h 对比
keys-short-nudge = 推动
keys-explore-nudge-smaller = 推动：h ÷ 10 并重新计算
keys-explore-nudge-larger = 推动：h × 10 并重新计算
keys-explore-quiz = 测验模式：在显示之前，先填写每个反向传播步骤的一个单元格
keys-short-quiz = 测验
keys-explore-toggle-shapes = Affine 步骤的形状推导：哪种乘积的形状能对上
keys-short-shapes = 形状
keys-explore-jacobian = 这一层的雅可比矩阵 ∂out/∂x，以及 dout·J 与 dx 并排对照
keys-short-jacobian = 雅可比
keys-explore-toggle-numpy = 显示或隐藏每一步的 NumPy 代码
keys-explore-open-training = 此预设的训练界面（需有 [train] 部分）；若已训练过，回到训练停下的地方
keys-explore-export = 把这一步以 Markdown 写入当前目录的 backstep-<preset>-step-<k>.md（不会覆盖已有文件：-2、-3、…）
keys-short-export = 导出
keys-any-help = 本帮助
keys-short-help = 帮助
keys-explore-back = 清除推动；否则回到打开这次迭代的训练界面（Esc 从不退出）
keys-any-quit = 退出
keys-short-quit = 退出
keys-train-run-pause = 开始或暂停训练
keys-short-run-pause = 运行/暂停
keys-train-one-iteration = 运行一次迭代（先暂停）
keys-train-lr-up = 学习率按 1-2-5 升一档（0.1 → 0.2 → 0.5 → 1）
keys-short-lr = 学习率
keys-train-lr-down = 学习率按 1-2-5 降一档
keys-train-slower = 放慢，看决策边界如何形成：全速 → 每秒 1000 → 100 → 10 → 1 次迭代
keys-train-faster = 加快：每秒 1 → 10 → 100 → 1000 次迭代 → 全速
keys-short-speed = 速度
keys-train-next-optimizer = 下一个最优化方法（SGD → Momentum → AdaGrad → Adam）；其状态从零开始，学习率为 SGD 0.1（train_neuralnet.py 的值；SGD 类自身的默认值是 0.01），Momentum 和 AdaGrad 0.01，Adam 0.001（common/optimizer.py 的默认值）
keys-short-optimizer = 优化方法
keys-train-restart = 从第 0 次迭代重新开始：用初始权重和下一个随机种子（暂停）
keys-short-restart = 重来
keys-train-confirm = 在步骤界面中打开即将运行的迭代：它的 mini-batch 和当前权重，正向传播、反向传播和更新（Esc 回到这里）
keys-short-explore = 查看
keys-train-back = 回到步骤界面（若是步骤界面打开的此界面；训练停在原处）
keys-quiz-confirm = 作答（相对误差 1e-3 以内算对）
keys-short-answer = 作答
keys-quiz-back = 跳过这一题
keys-short-skip = 跳过
keys-any-backspace = 删除一个字符
keys-prompt-confirm = 应用输入的内容
keys-short-apply = 应用
keys-prompt-back = 取消
keys-short-cancel = 取消
keys-picker-up = 上一项
keys-short-choose = 选择
keys-picker-down = 下一项
keys-any-page-up = 上翻一页
keys-any-page-down = 下翻一页
keys-picker-first-step = 第一项
keys-short-first-last = 首项/末项
keys-picker-last-step = 最后一项（输入路径…）
keys-picker-confirm = 载入预设
keys-short-load = 载入
keys-picker-back = 关闭预设选择
keys-check-focus-next = 下一个张量，矩阵停在它误差最大的单元格
keys-short-tensor = 张量
keys-check-focus-prev = 上一个张量，矩阵停在它误差最大的单元格
keys-check-up = 矩阵中单元格上移（在说明中：向上滚动）
keys-check-down = 矩阵中单元格下移（在说明中：向下滚动）
keys-check-left = 矩阵中单元格左移
keys-check-right = 矩阵中单元格右移
keys-check-page-up = 矩阵（或说明）上翻一页
keys-check-page-down = 矩阵（或说明）下翻一页
keys-check-next-over-tolerance = 下一个相对误差超过容差的单元格（按顺序遍历所有张量）
keys-short-next-over = 下一个超差
keys-check-nudge-smaller = h ÷ 10 并重新做梯度确认
keys-short-h = h
keys-check-nudge-larger = h × 10 并重新做梯度确认
keys-check-confirm = 显示说明（这些数字的含义、误差为何可能很大、每种方法的计算量）或矩阵
keys-short-notes = 说明
keys-check-back = 关闭梯度确认
keys-short-close = 关闭
keys-checking-back = 取消正在运行的梯度确认
keys-jacobian-up = J 向上滚动
keys-short-scroll = 滚动
keys-jacobian-down = J 向下滚动
keys-jacobian-left = J 向左滚动
keys-jacobian-right = J 向右滚动
keys-jacobian-page-down = J 的下一块（超过 64 个单元格的层每次显示一行的那一块）
keys-short-block = 分块
keys-jacobian-page-up = J 的上一块
keys-jacobian-back = 关闭雅可比矩阵
keys-help-up = 向上滚动
keys-help-down = 向下滚动
keys-help-back = 关闭帮助
keys-note-back = 关闭，回到这一步
keys-group-step = 逐步查看记录的步骤
keys-group-look = 仔细查看
keys-group-move = 在大矩阵中移动
keys-group-change = 修改数字
keys-group-aids = 学习辅助
keys-group-general = 通用
keys-context-explore = 步骤界面
keys-context-quiz = 测验题中
keys-context-prompt = 输入框中（修改单元格、输入路径）
keys-context-picker = 预设选择中
keys-context-help = 本帮助中
keys-context-check = 梯度确认中
keys-context-checking = 梯度确认运行时
keys-context-jacobian = 雅可比矩阵视图中
keys-context-note = 解释、答案或错误信息中
keys-context-train = 训练界面
keys-mouse = 点击单元格：聚焦它的面板并把光标移到那里
keys-in-a-popup = 弹出窗口中
keys-popup-line = { $context }：{ $keys }
keys-mouse-key = 鼠标
explorer-graph-keys = { $edge } 边  { $explain } 解释  { $matrices } 矩阵
explorer-help-title = 按键 — { $keys }
explorer-quiz-score = 得分 { $score }
explorer-quiz-stays-on = { $keys }（测验模式保持开启；按 { $quiz } 关闭）
explorer-picker-builtin = 内置 · { $summary }
explorer-picker-file-shadows = 当前目录的文件（同名的内置预设在上面）
explorer-picker-file = 当前目录的文件
explorer-picker-type-path = 输入路径…
explorer-picker-title-window = 预设 { $first }–{ $last }，共 { $listed } 个
explorer-picker-title = 预设
explorer-edit-title = 修改
explorer-loading-reading = 正在读取 { $name }…
explorer-loading-close = 关闭此窗口即停止等待；当前预设保持不变
explorer-loading-title = 载入中
explorer-error-title = 错误
explorer-no-steps = 没有记录下任何步骤
explorer-phase-forward = 正向传播
explorer-phase-backward = 反向传播
explorer-phase-update = 更新
explorer-header-step = 步骤 { $k }/{ $n }
explorer-header-layer = 层
explorer-header-quiz-on = 测验开
explorer-header-quiz-off = 测验关
explorer-header-nudge = 推动 { $target }，h = { $h }
explorer-header-formula = 公式
explorer-header-op = 运算
explorer-pane-param = 参数
explorer-pane-targets = 监督数据
explorer-pane-step = 步骤 { $k }
explorer-pane-forward = 正向传播
explorer-pane-starting-gradient = 起始梯度
explorer-pane-from = 来自 { $source }
explorer-pane-sum-from = 来自 { $sources } 之和
explorer-pane-from-backward = 来自反向传播
explorer-pane-optimizer-state = 最优化方法的状态
explorer-pane-before-update = 更新前
explorer-pane-new-value = 步骤 { $k } 的新值
explorer-pane-input = 输入
explorer-pane-read-as = 作为 { $name } 读入
explorer-pane-node-output = 节点输出
explorer-pane-written = 已写入
explorer-window-rows-cols = 行 { $rows } 列 { $cols }
explorer-window-rows = 行 { $rows }
explorer-window-cols = 列 { $cols }

## area: report
# trace：文本和 Markdown
report-phase = { $phase ->
    [forward] 正向传播
    [backward] 反向传播
   *[update] 更新
}
report-phase-heading = { $phase ->
    [forward] 正向传播
    [backward] 反向传播
   *[update] 参数更新
}
report-md-phase = { $phase ->
    [forward] 正向传播
    [backward] 反向传播
   *[update] 参数更新
}
report-graph-pipeline = 节点的计算顺序：{ $nodes }
report-result-heading = 结果
report-loss = 损失 L = { $loss }
report-loss-before-update = 损失 L = { $loss }（更新之前）
report-trace-loss-meaning = L 是这个 mini-batch 在下面的更新步骤之前的损失；`backstep train` 记录的是每个 mini-batch 更新之后的损失（书中的 train_loss_list），所以它在第 0 次迭代的损失与这里不同
report-step = 步骤 { $step }/{ $total }  { $phase }
report-operand-cached = { $name } { $shape }（正向传播第 { $step } 步保存的）
report-reads = 读取  { $operands }
report-writes = 写入 { $name } { $shape } =
report-no-such-step = 步骤 { $step } 不存在：一共只有 { $steps } 个步骤
report-md-results = 结果
report-md-loss = 损失 L = { $loss }
report-md-loss-before-update = 损失 L = { $loss }（更新之前）
report-md-pipeline = 流程：{ $pipeline }
report-md-step = 步骤 { $step }/{ $total }
report-md-formula = 公式：
report-md-reads = 读取：
report-md-writes = 写入：
report-md-shapes = 形状：
report-md-cached = ，正向传播第 { $step } 步保存的
report-md-graph = 计算图
report-md-graph-legend = 每条边的上方是正向传播的值，下方是梯度（反向传播之后）：
report-graph-after-backward = 反向传播之后的计算图（边的上方是值，下方是梯度）：
report-graph-input-grads = { $of } 对每个输入的梯度，所有路径相加（d NAME = ∂{ $of }/∂NAME）：
report-graph-edge-partials = 沿每条边的偏导数（值 → 节点：只经过这个节点的 ∂{ $of }/∂值）：
report-graph-one-path = 经过 { $node } 的 ∂{ $of }/∂{ $input }（其中一条路径）
report-graph-param-grads = 参数的梯度（∂{ $of }/∂参数）：

# check：文本
report-check-title = 梯度确认 — { $preset }（h = { $h }，容许误差 { $tolerance }）
report-check-legend-relative = 相对误差 = |a − n| / max(|a|, |n|, 下限)，a = 误差反向传播法，n = 数值微分
report-check-legend-floor = 下限 = { $floor }：L = { $loss } 的计算精度约为 ±{ $rounding }（舍入误差，每次运算 ε = 2.2e-16），所以 h = { $h } 时中心差分的精度约为 ±{ $noise }；小于 { $floor } 的梯度在这个 h 下按绝对差比较（|a − n| ≤ { $noise } 即通过：仅舍入误差就可能造成这么大的差）
report-check-col-tensor = 张量
report-check-col-shape = 形状
report-check-col-abs = 最大 |a − n|
report-check-col-rel = 最大相对误差
report-check-col-worst = 误差最大的元素
report-check-ok = 通过
report-check-fail = 失败
report-check-numerical = 数值微分：{ $cells } 个元素 × 2 = { $passes } 次正向传播，用时 { $time }
report-check-backprop = 误差反向传播法：1 次正向传播 + 1 次反向传播，用时 { $time }，{ $speed }
report-check-faster = 比数值微分快 { $times } 倍
report-check-as-fast = 和数值微分差不多快
report-check-slower = 比数值微分慢 { $times } 倍（在这个规模下，固定开销占主导）
report-check-pass = 通过：所有相对误差 ≤ { $tolerance }
report-check-failed = 失败：最大相对误差 { $error } > 容许误差 { $tolerance }
report-check-note = 注：

# train：文本
report-train-data = 数据 { $name }：训练数据 { $train } 行，测试数据 { $test } 行，{ $features } 个特征，{ $classes } 个类别
report-train-settings = { $optimizer } 学习率 { $lr }，批大小 { $batch }，{ $iters } 次迭代（每个 epoch { $per_epoch } 次），随机种子 { $seed }
report-train-all-rows = { $rows }（全部行）
report-train-loss-meaning = 损失 = 一个 mini-batch 在更新之后的损失（书中的 train_loss_list）
report-train-epoch = 迭代 { $iter }  损失 { $loss }  train acc, test acc | { $train }, { $test }
report-train-final = 最终  损失 { $loss }（最后一个 mini-batch，更新之后）  训练识别精度 { $train }  测试识别精度 { $test }
report-train-epochs-shown = 只显示 1/{ $stride } 的 epoch，以及共 { $total } 个中的最后一个；--all-epochs 显示全部
report-train-rate = { $rate } it/s  还剩约 { $left }
report-train-no-rate = – it/s
report-train-seconds = { $s } 秒
report-train-minutes = { $min } 分 { $s } 秒
report-train-hours = { $h } 小时 { $min } 分
report-train-bar-unit = 次迭代

# 命令行和预设的错误
preset-builtin-source = 内置预设 "{ $name }"
cli-not-positive = { $flag } 必须是正数，实际给出的是 { $value }
cli-bad-threads = BACKSTEP_THREADS={ $value } 不是线程数：请给出 1 到 1024 的整数，或者取消这个设置以使用所有核心
cli-misplaced-flag = 子命令 '{ $command }' 不能和 '{ $flag }' 一起使用
cli-misplaced-flag-before = 子命令 '{ $command }' 的前面不能有 '{ $flag }'；它应该放在后面：backstep { $command } { $flag } …
cli-nothing-to-train = { $preset } 没有 [train] 部分，没有可以训练的内容：请用 train-spiral、train-xor、train-digits、train-mnist 或带 [train] 的预设
# 学习辅助：形状推导
lesson-shapes-forward = X (N×D) · W (D×H) → Y (N×H)；这里 X ({ $n }×{ $d }) · W ({ $d }×{ $h }) → Y ({ $n }×{ $h })
lesson-shapes-product = X (N×D) · W (D×H) → Y (N×H)：内侧的大小 D 必须一致，相乘后消失
lesson-shapes-bias = X·W (N×H) + b (1×H) → Y (N×H)：b 被广播，加到 N 行的每一行上
lesson-shapes-bias-here = X·W ({ $n }×{ $h }) + b (1×{ $h }) → Y ({ $n }×{ $h })：b 被用了 { $n } 次
lesson-shapes-db = Y = X·W + b 把同一个 b (1×H) 加到了 Y (N×H) 的 N 行的每一行上
lesson-shapes-db-here = db 必须和 b 一样是 1×H = 1×{ $h }；dY 是 N×H = { $n }×{ $h }，所以把 dY 的 N 行相加
lesson-shapes-must-be = { $target } 必须和 { $of } 一样是 { $sym }（{ $size }）：梯度的形状和它所对应的那个量相同
lesson-shapes-at-hand = dY 是 N×H；手上其他的矩阵只有 X (N×D) 和 W (D×H)
lesson-shapes-none-fits = 没有一个乘积的形状符合（不应该发生）
lesson-shapes-only-fit = 形状符合的乘积只有 { $product }：{ $target } = { $product }
lesson-shapes-many-fit = 这里有些大小恰好相同，所以只看形状的话 { $products } 都可以；N、D、H 各不相同时只有 { $used } 符合
lesson-shapes-mistake = 常见的错误：dW = W.T · dout
lesson-shapes-inner = { $product }：内侧的大小 { $sizes }（{ $dims }）
lesson-shapes-gives = { $product } 得到 { $got }，但 { $target } 必须是 { $want }
lesson-shapes-fits = 符合：{ $product } → { $got }，和 { $of } 一样是 { $sym }
lesson-shapes-sum-fits = 符合：1×{ $h }，和 b 一样是 1×H
lesson-shapes-sum-gives = 得到 { $got }，但 db 必须是 1×{ $h }
# clap 的帮助
cli-about = 一步一步地看误差反向传播法，每次一个矩阵运算
cli-after-help = 不带命令时，用这个预设打开步骤界面（默认：two-layer）；在那里按 ? 可以看到所有按键。
cli-usage-line = 用法：{ $usage }
cli-options-heading = 选项
cli-commands-heading = 命令
cli-presets-about = 列出内置的预设，每个一行
cli-trace-about = 打印一个预设的正向传播和反向传播的每一个步骤
cli-check-about = 用中心差分检查误差反向传播法求出的梯度（梯度确认）；有误差超过容许误差时以 1 退出
cli-train-about = 训练带 [train] 部分的预设（书中 train_neuralnet.py 的循环），并打印进度
cli-help-about = 显示这条信息，或者指定子命令的帮助
cli-arg-help = 显示帮助
cli-arg-version = 显示版本
cli-arg-preset = 内置预设的名字（见 `backstep presets`），或者 .toml 预设文件的路径
cli-arg-threads = 分担计算的核心数（默认：BACKSTEP_THREADS，否则使用所有可用的核心）
cli-arg-lang = backstep 输出的所有文字的语言：en、zh 或 ja（默认：BACKSTEP_LANG，否则看区域设置 LC_ALL、LC_MESSAGES 或 LANG，否则用英语）
cli-arg-trace-format = 输出格式：text（每个步骤）、json（docs/cli.md 中约定的格式）或 markdown（学习笔记）
cli-arg-check-format = 输出格式：text（表格）或 json
cli-arg-train-format = 输出格式：text、json 或 csv，不打开训练界面。不指定时：标准输出是终端就打开训练界面，否则输出 text
cli-arg-eps = 中心差分的步长 h
cli-arg-tol = 可以通过的最大相对误差
cli-arg-data = 数据集：digits、spiral、xor、circles、moons、mnist:DIR 或 preset
cli-arg-iters = 迭代次数（代替预设的 iters 或 epochs）
cli-arg-batch = 每个 mini-batch 的行数（不小于训练数据的行数时：每次迭代按顺序使用所有行）
cli-arg-lr = 学习率（默认：预设里的值，否则用优化器的默认值）
cli-arg-optimizer = 最优化方法：sgd、momentum、adagrad 或 adam
cli-arg-seed = 数据、划分和 mini-batch 顺序的随机种子
cli-arg-all-epochs = 文本输出：打印每个 epoch 的行（默认只打印均匀分布的约 20 个 epoch 和最后一个；JSON 和 CSV 总是包含全部）
cli-arg-default = { $help }（默认：{ $value }）
cli-arg-init = 每个 Affine 的 W 的权重初始值（std:0.01、xavier 或 he），各自保持形状和随机种子

## area: ch6a
ch6a-init-unknown = { $value } 不是权重初始值：请用 std:S（大于 0 的标准差，例如 std:0.01）、xavier（√(1/n)）或 he（√(2/n)）
ch6a-init-needs-generator = init = { $init } 会用每个 Affine 的 W 的生成器重新生成它（保留形状和随机种子），但这里的 { $field } 是直接写出的矩阵：请改成生成器，例如 { "{" } random = "normal", shape = [D, H], seed = 1 { "}" }
ch6a-generator-init-unknown = { $field }.init 是 { $value }：请用 "std"（配合 scale）、"xavier"（√(1/n)）或 "he"（√(2/n)）
ch6a-generator-init-scale = { $field }：init = "{ $init }" 会自己决定 scale（由 W 的行数 n 决定）：请去掉 scale，或与 init = "std" 一起使用
ch6a-generator-init-normal = { $field }：init = "{ $init }" 缩放的是正态分布的随机数，与书中的 np.random.randn 一样：请用 random = "normal"

## area: ch6c
ch6c-decay-term-note = λ = { $lambda }：{ $layer } 的权重 { $key }（{ $shape }）把各元素平方和乘以 λ 再取一半，即 { $term }，加到权值衰减项上：weight_decay = { $total }
ch6c-decay-loss-note = 网络报告的损失是数据的损失 { $loss } 加上权值衰减项 { $decay }：{ $total }。大的权重会增加损失，所以学习会把权重拉向 0
ch6c-decay-grad-note = 衰减项对 W 的梯度是 λ·W，所以 { $layer } 的 dW 加上 { $lambda } 倍的 W：dW[0,0] = { $before } + { $lambda }·{ $w } = { $after }；随后的更新让每个权重都向 0 靠近一点
ch6c-decay-term-explain = W 的 { $cells } 个元素各自加上 0.5·λ·W[i,j]²（λ = { $lambda }）
ch6c-decay-loss-explain = 带权值衰减的损失：数据的损失加上衰减项
ch6c-decay-grad-explain = ∂(0.5·λ·W²)/∂W = λ·W 加到反向传播求得的梯度上（λ = { $lambda }）
ch6c-weight-decay-bad = { $key } 是 { $value }：权值衰减 λ 是 0（不衰减）或更大的数，例如 0.1
ch6c-arg-weight-decay = 权值衰减 λ：损失加上所有 Affine W 的 0.5·λ·ΣW²，每个 dW 加上 λ·W（默认：预设的值，否则为 0）
ch6c-train-weight-decay = 权值衰减 λ = { $lambda }：损失加上所有 Affine W 的 0.5·λ·ΣW²，每个 dW 加上 λ·W
ch6c-pane-so-far = 目前为止
ch6c-pane-data-loss = 数据的损失
ch6c-epochs-and-iters = 同时给出了 iters 和 epochs：只给其中一个（epochs = E 训练 E × iter_per_epoch 次迭代）
ch6c-epochs-too-many = { $epochs } 个 epoch、每个 { $per_epoch } 次迭代，超过了 { $max } 次迭代：请减少 epoch 数
ch6c-train-rows-too-many = train_rows 是 { $n }，但 { $data } 只有 { $rows } 行训练数据：最多给 { $rows }
ch6c-vary-expects-init = std:S（大于 0 的标准差，例如 std:0.01）、xavier 或 he
ch6c-vary-expects-weight-decay = 不小于 0（0 即不衰减）的权值衰减 λ，如 0.1
presets-title-lab-init = 实验：权重的初始值（图 6-15）
presets-title-lab-weight-decay = 实验：用权值衰减抑制过拟合（图 6-21）
presets-description-lab-init = 在 digits 上运行 weight_init_compare.py：五个 Affine 层（四个 100 节点的隐藏层，ReLU），SGD lr 0.01，batch 128，2,000 次迭代；每个 W 用同样的随机数，分别按标准差 0.01、Xavier 和 He 生成
presets-description-lab-weight-decay = 在 digits 上运行 overfit_weight_decay.py：七个 Affine 层（六个 100 节点的隐藏层，ReLU，He 初始值），300 行训练数据，SGD lr 0.01，batch 100，201 个 epoch；不用与使用权值衰减 λ = 0.1
presets-summary-lab-init = 实验（图 6-15）：5 层 ReLU 网络的权重用标准差 0.01、Xavier、He 初始化；标准差 0.01 停在 ln 10 附近，He 能学习；backstep compare
presets-summary-lab-weight-decay = 实验（图 6-21）：7 层网络在 300 行训练数据上过拟合；权值衰减 λ = 0.1 缩小训练与测试的差距；backstep compare

## area: ch6b
ch6b-hold-out-too-few = { $data } 只有 { $rows } 行训练数据：太少，无法留出 { $fraction } 作为验证数据
ch6b-vary-unknown-key = 未知的键 "{ $key }"：请从 { $keys } 中选一个来比较
ch6b-vary-expects-optimizer = sgd、momentum、adagrad 或 adam
ch6b-vary-expects-lr = 大于 0 的学习率，如 0.01
ch6b-vary-expects-dropout = 从 0（不用 Dropout）到小于 1 的 Dropout 比例，如 0.2
ch6b-vary-expects-batch-norm = on 或 off
ch6b-vary-expects-batch = 从 1 起的整数行数，如 100
ch6b-vary-bad-value = "{ $value }" 不是这个键的取值：请给出 { $expects }
ch6b-vary-empty = { $key } 没有取值：请在 = 之后列出，如 { $key }=V1,V2
ch6b-vary-empty-value = 列表中有空值：{ $key } 的取值之间只用一个逗号分隔
ch6b-vary-twice = { $value } 出现了两次：每个取值只列一次
ch6b-vary-no-equals = "{ $given }" 中没有 =：请写成 KEY=V1,V2,…，如 optimizer=sgd,adam
ch6b-compare-no-vary = { $preset } 没有 [compare] 一节：请用 --vary KEY=V1,V2,… 指定要比较的设置
ch6b-compare-no-train = { $preset } 没有 [train] 一节，没有可比较的训练：请用实验预设（lab-optimizers 等）或带 [train] 的预设
ch6b-compare-header = 比较 { $key }：{ $runs } 次训练 · 数据 { $data }：训练数据 { $train } 行，测试数据 { $test } 行 · 每次 { $iters } 次迭代 · 随机种子 { $seed }
ch6b-col-final-loss = 最终损失
ch6b-col-train-acc = 训练识别精度
ch6b-col-test-acc = 测试识别精度
ch6b-search-no-trials = 至少要进行一次试验
ch6b-search-no-epochs = 每次试验至少要训练一个 epoch
ch6b-search-bad-range = 请给出两个大于 0 的数，小的在前，如 { $example }
ch6b-search-no-train = { $preset } 没有 [train] 一节，没有可搜索的训练：请用训练预设（train-digits 等）或添加 [train]
ch6b-search-header = { $trials } 次试验，每次 { $epochs } 个 epoch；留出 { $validation } 行训练数据作为验证数据；按验证识别精度从高到低
ch6b-search-line = Best-{ $rank }（验证识别精度：{ $acc }）| 学习率：{ $lr }，权值衰减：{ $decay }
ch6b-search-chance = 没有一次试验比随便猜（{ $classes } 个里猜中 1 个）更好：{ $preset } 本身用学习率 { $lr } 训练，不在搜索的范围内。请在它附近搜索：--lr { $lo },{ $hi }
ch6b-compare-about = 对一个设置（optimizer、lr、init、weight_decay、dropout、batch_norm、batch）的每个取值各训练一次，使用相同的数据、权重初始值和 mini-batch，并加以比较（书中第 6 章）
ch6b-arg-vary = 要改变的设置及其取值，如 optimizer=sgd,adam（默认：预设的 [compare] 一节）
ch6b-arg-compare-format = 输出格式：text、json 或 csv，在无界面模式下运行。不指定时：stdout 是终端则打开比较界面，否则输出 text

## area: conv
conv-inline-matrix = （{ $shape } 矩阵）
presets-title-conv = 卷积
presets-title-conv-stride-pad = 卷积，步幅 2，填充 1
presets-title-pooling = Max 池化
presets-title-convnet = SimpleConvNet 的梯度确认
presets-title-train-convnet-digits = 手写数字上的 CNN，1×8×8
presets-title-train-convnet-mnist = MNIST 上的 SimpleConvNet
presets-description-conv = 第 7 章用 im2col 计算的卷积：一张 1×4×4 图像（图 7-7 的输入）、一个 2×2 滤波器
presets-description-conv-stride-pad = 两个输入通道、两个滤波器，步幅 2，填充 1：OH = (5 + 2·1 − 3) / 2 + 1 = 3
presets-description-pooling = 2×2 窗口，步幅 2：out 是每个窗口的最大值；左上窗口有并列最大值，np.argmax 取第一个
presets-description-convnet = ch07/gradient_check.py：SimpleConvNet，一个 1×10×10 输入，10 个滤波器 3×3，池化 2×2 步幅 2，隐藏层 10
presets-description-train-convnet-digits = 小型 SimpleConvNet，学习 backstep 内置的 1,797 个手写数字，作为 1×8×8 图像输入
presets-description-train-convnet-mnist = ch07/train_convnet.py：SimpleConvNet（Conv 30 个滤波器 5×5，Pool 2×2，Affine 100，Affine 10），MNIST，Adam（需要 --data mnist:DIR）
presets-summary-conv = 第 7 章：用 im2col 计算卷积：一张 1×4×4 图像、一个 2×2 滤波器，每一步都小到可以读完
presets-summary-conv-stride-pad = 2 个通道、步幅 2、填充 1 的卷积：有跳过的单元，也有读到填充的窗口
presets-summary-pooling = Max 池化，2×2 窗口，步幅 2，含并列最大值：np.argmax 取第一个
presets-summary-convnet = ch07/gradient_check.py：1×10×10 → Conv（10 个 3×3 滤波器）→ ReLU → Pool 2×2 → Affine 10 → ReLU → Affine 10；梯度确认通过
presets-summary-train-convnet-digits = 学习：把内置的手写数字作为 1×8×8 图像，训练一个小型 CNN
presets-summary-train-convnet-mnist = 学习：书中的 SimpleConvNet 和 train_convnet.py，MNIST，Adam，20 个 epoch（需要 --data mnist:DIR）
conv-layer-who = 第 { $number } 层（{ $name }）
conv-w-shape = W 是 { $w }（FN×C×FH×FW）：每个滤波器至少要有一个单元
conv-b-shape = b 有 { $values } 个值，但 W 是 { $w }：b 需要每个滤波器一个值，共 { $filters } 个
conv-stride-zero = 步幅为 0：窗口每次至少要移动 1
conv-needs-image = 卷积层需要 4 维输入 N×C×H×W，却得到普通矩阵（W 是 { $w }）：请把 x 写成 N×C×H×W（嵌套四层的列表，或 shape = [N, C, H, W]）
conv-channels = W 是 { $w }（FN×C×FH×FW），而输入是 { $x }（C×H×W）：滤波器有 { $filter } 个通道，输入有 { $input } 个，两者必须一致
conv-too-small = W 是 { $w }（FN×C×FH×FW），而输入是 { $x }（C×H×W）：在填充 pad = { $pad }（步幅 { $stride }）下滤波器放不进输入；请用更小的滤波器或更多填充
conv-resolved = 输入是 { $x }，但该层是按 { $was } 设置的
conv-columns = 输入有 { $d } 列，但一张 { $x } 图像有 { $cells } 个单元
conv-count = { $key } 必须是从 0 起的整数，实际是 { $found }
conv-size = { $key } 必须是从 1 起的整数，实际是 { $found }
conv-tensor-shape = { $field }：4 维形状是四个正整数 [N, C, H, W]
conv-tensor-ragged = { $field }：样本 { $n } 的形状与其他样本不同；每个样本需要 C 个列表，每个 H 行、每行 W 个数
conv-tensor-depth = { $field } 的列表嵌套了 { $depth } 层：请给矩阵（两层）或 4 维张量 N×C×H×W（四层）
conv-w-not-4d = { $key } 是 { $shape }：卷积层的 { $key } 是 4 维的 FN×C×FH×FW（嵌套四层的列表，或 shape = [FN, C, FH, FW]）
conv-im2col-note = im2col 把每个 { $fh }×{ $fw } 窗口（x 为 { $x }，步幅 { $stride }，填充 { $pad }）展开成一行：每张图像 { $oh }×{ $ow } 个窗口，所以 col 是 { $rows }×{ $cols }，卷积变成一次矩阵乘积
conv-col-w-note = W（{ $w }）变成 col_W（{ $rows }×{ $cols }）：每个滤波器展开成一列，于是 col · col_W 把每个滤波器作用到每个窗口上
conv-product-note = col · col_W + b → { $rows }×{ $cols }：每个单元是一个窗口与一个滤波器的点积（{ $terms } 个乘积）再加上该滤波器的 b，相当于对 col 的各行做 Affine；out2d[0,0] = { $first }
conv-to-image-note = 行 (n, oh, ow) 和列（每个滤波器一列）还原成书中的 N×C×H×W 顺序：out 是 { $out }
conv-dout-2d-note = dout 还原成 col · col_W 的排列：每个窗口一行（{ $rows }），每个滤波器一列（{ $cols }）
conv-db-note = b 被加到了每个窗口的行上，所以 db 是 dout2d 的 { $rows } 行之和：每个滤波器一个总和（{ $filters }）
conv-dw-note = colᵀ · dout：滤波器 f 与 col 中每个窗口的行都相遇过，所以它的梯度是所有 { $windows } 个窗口上 col[r,·]·dout[r,f] 的和
conv-dw-reshape-note = 转置并变形回 W 的形状 { $w }
conv-dcol-note = dout · col_Wᵀ → dcol（{ $rows }×{ $cols }）：col 每个单元的梯度，每个窗口一行
conv-col2im-note = col2im 把 dcol 的每个单元加回到它所复制的 x 单元；被多个窗口覆盖的单元收集它们全部的梯度：dx 是 { $x }
conv-jacobian = 稀疏且重复：out[n,f,i,j] 只通过滤波器 f 依赖它下方 x 的 { $channels }×{ $fh }×{ $fw } 窗口；捷径 dx = col2im(dout · col_Wᵀ) 一次作用于所有窗口
conv-col-place = col 的第 { $row } 行是位于 ({ $oy }, { $ox }) 的窗口（图像 { $n }）；第 { $col } 列是通道 { $channel } 的窗口单元 ({ $ky }, { $kx })
conv-col-copy = { $place }：复制自 { $source }
conv-col-pad = { $place }：它落在填充上（pad = { $pad }），所以是填充的 0
conv-out-cell = col 的第 { $row } 行（一个窗口）与 col_W 的第 { $filter } 列（滤波器 { $filter }）的点积：{ $terms } 个乘积，再加 b[{ $filter }]
conv-transpose-cell = 转置：该单元来自 { $source }
conv-reshape-cell = reshape 保持 NumPy 的顺序：这是第 { $index } 个值 { $source }
conv-to-image-cell = 图像 { $n }，通道 { $channel }，位置 { $position }：来自 { $source }
conv-from-image-cell = 第 { $row } 行（一个窗口位置），通道 { $channel }：来自 { $source }
conv-col2im-cell = { $target } 被复制到 col 的 { $count } 个单元里，每个覆盖它的窗口一个；col2im 把它们的梯度相加（{ $nonzero } 个不为 0）
conv-col2im-none = 没有窗口覆盖 { $target }（步幅跳过了它），所以它的梯度是 0
pool-zero = pool_h、pool_w 和步幅都必须至少为 1
pool-needs-image = 池化层需要 4 维输入 N×C×H×W，却得到普通矩阵：把它放在卷积层之后，或把 x 写成 N×C×H×W
pool-too-small = { $window } 窗口放不进输入 { $x }（C×H×W，步幅 { $stride }）
pool-rows-note = col 变形为每个窗口、每个通道一行：{ $rows }×{ $cols }
pool-argmax-note = 每行最大值的位置（np.argmax 在相等时取第一个）；像 ReLU 的掩码一样保存给反向传播
pool-max-note = { $rows } 行各自的最大值：Max 池化的输出
pool-dout-note = 按 col 各行顺序排列的 dout：{ $rows }×{ $cols }，每个窗口、每个通道一个值
pool-dmax-note = dmax（{ $rows }×{ $cols }）：每行在 argmax 处放该窗口的 dout，其余为 0；和 ReLU 的掩码一样，只有最大值把梯度传下去
pool-dcol-note = dmax 变形为 col 的排列：{ $rows }×{ $cols }
pool-col2im-note = col2im 把每个 dcol 单元加回到它来自的 x 单元：x 的单元得到它是最大值的每个窗口的 dout，否则为 0；dx 是 { $x }
pool-jacobian = 选择：每个输出单元复制其 { $window } 窗口中的一个单元（第一个最大值），所以 dx 在 argmax 单元处为 dout，其余为 0
pool-max-cell = 第一个最大值在第 { $col } 列
pool-max-tie = 有 { $ties } 个单元并列最大；np.argmax 取第一个，第 { $col } 列
pool-dmax-hit = 第 { $col } 列是第 { $row } 行窗口的最大值所在，所以得到该窗口的 dout { $source }
pool-dmax-miss = 不是第 { $row } 行窗口的最大值（最大值在第 { $argmax } 列）：0
pool-tie-note = { $name }：有 { $near } 个窗口（共 { $windows } 个）的两个最大单元相差不到 h = { $h }（其中 { $exact } 个完全相等），max 在那里没有导数：中心差分会让最大值换到另一个单元，只测到 dout 的一部分，而反向传播把 dout 全部给第一个最大值（np.argmax），其余为 0。大的误差可以由这些窗口而不是反向传播来解释。

## area: convui
convui-im2col-heading = im2col：col 的第 { $row } 行就是 x 上框出的 { $fh }×{ $fw } 窗口（步幅 { $stride }，填充 { $pad }；虚线边是填充）；方框跟着所选的行走
convui-col2im-heading = col2im：› 标出所选 dx 单元在 dcol 中的副本，覆盖它的每个窗口各一个，dx 就是它们的和；按 { $key } 切到 dcol，会在 dx 上框出该行的窗口
convui-pool-heading = Max 池化：x 中的 ■ 标出每个窗口的最大值（np.argmax：相等时取第一个）；反向传播只把 dout 送到那里，就像 ReLU 的掩码

## area: bn
bn-mean = 每一列在这批 { $n } 行数据上的平均值：μ = { $mu }（显示为 1×{ $d }；NumPy 的 x.mean(axis=0) 的形状是 ({ $d },)）
bn-center = 把每一列中心化：现在 xc 的每一列平均值都是 0；xc 保留给反向传播使用
bn-var = 每一列的方差：var = { $var }
bn-std = 标准差；书中的 10e-7（= 1e-6）让常数列不会除以 0；std 保留给反向传播使用
bn-test-center = 测试时用训练中累计的 running_mean 代替这批数据的平均值
bn-test-std = 测试时用训练中累计的 running_var 代替这批数据的方差；书中的 10e-7（= 1e-6）让常数列不会除以 0
bn-normalize = 现在每一列的平均值为 0、方差约为 1；x̂ 保留给反向传播使用
bn-scale-shift = 乘以 γ = { $gamma } 进行缩放，再加上 β = { $beta } 进行平移；γ 和 β 像 W 和 b 一样通过学习得到
bn-back-beta = β 像偏置一样被加到了每一行，所以 dβ 是 dout 按行相加（axis=0）的结果：每列一个总和，{ $dbeta }
bn-back-gamma = γ 乘在了 x̂ 的每一行上，所以 dγ 是 x̂ ⊙ dout 在整个批次上的和：{ $dgamma }
bn-back-xn = 经过乘法节点：x̂ 的梯度是 dout 乘以 γ
bn-back-test = 测试时 μ 和 std 是常数，所以 x 只经过除法这一步
bn-back-std = x̂ = xc / std：除法节点把 dx̂ 乘以 −xc/std² 传给 std，并在共用它的各行上求和
bn-back-var = std = √(var + ε)，它的导数是 1 / (2·std)
bn-back-xc = xc 经过两条路径到达损失：经过 x̂，以及经过 var（var = xc² 的平均值，∂/∂xc = 2·xc/N，N = { $n }）：两个梯度相加
bn-back-mu = 书中的 dmu = Σ dxc = −∂L/∂μ：xc = x − μ 从每一行减去了同一个 μ，所以 ∂L/∂μ = −Σₙ dxc[n,·]；书中求和时不带负号，负号出现在下一步 dx = dxc − dmu / N 中
bn-back-x = x 直接（经过 xc）到达损失，也经过 μ = x 的平均值到达：每一行从中得到 ∂L/∂μ / N = −dmu / N，N = { $n }

## area: optim
optim-sgd = lr = { $lr }：每个元素都朝梯度的反方向移动
optim-velocity = 速度 v 保留自身的 α = { $momentum }，再加上 −lr·d{ $key }
optim-add-velocity = { $key } 按速度 v 移动
optim-adagrad-history = h 累加 { $key } 到目前为止每一次梯度的平方
optim-adagrad-step = lr = { $lr } 除以 √h：累计的历史越大的元素，更新步长越小
optim-adam-m = m 以 β1 = { $beta1 } 跟随 d{ $key }（动量）
optim-adam-v = v 以 β2 = { $beta2 } 跟随 d{ $key }²（类似 AdaGrad 的缩放）
optim-adam-step = 第 t = { $t } 次更新：lr_t = lr·√(1 − β2ᵗ)/(1 − β1ᵗ) = { $lr }·√(1 − { $beta2 }^{ $t })/(1 − { $beta1 }^{ $t }) = { $lr_t }
optim-first-cell = { $note }；{ $name }[0,0]：{ $before } → { $after }
optim-moment-note = 书中的 { $book } 重新整理后：保留旧值的 { $beta }，再加上 { $grad } 的 1 − { $beta }

## area: gradcheck
check-with-eps = 用 --eps { $eps } 再确认一次
check-kink = { $name }：有 { $near } 个（共 { $cells } 个输入元素）与它的折点相距不到 h = { $h }（折点在 { $at }）{ $nearest }，{ $name } 在折点处没有导数：跨过折点的中心差分测得的是介于 { $left } 和 { $right } 之间的斜率，并不是导数；而反向传播使用单侧斜率：{ $left }（x { $le } { $at } 时）和 { $right }（x { $gt } { $at } 时）。大的误差可以由{ $near ->
        [1] 这个元素
       *[other] 这些元素
    }而不是反向传播来解释。{ $exact }{ $step }
check-kink-nearest = （最近的相距 { $d }）
check-kink-exact = 其中 { $exact } 个正好位于 { $at }：无论步长多小都避不开那里的折点（中心差分得到 { $mid }，反向传播得到 { $used }）。
check-kink-smaller-step = 更小的步长可以避开{ $which ->
        [it] 它
        [them] 它们
        [other] 另外那个
       *[others] 其余的元素
    }：{ $change }。不过舍入误差的影响会变大：h = { $s } 时数值梯度只精确到 ±{ $good }，所以小于 { $floor } 的梯度只比较绝对差，不再检查它们的相对误差。
check-kink-too-close = 其余的元素离折点太近，f64 能表示的任何步长都分不开：它们的误差来自折点。
check-log-epsilon = { $name }：第 { $row } 行目标类别的概率是 y = { $y }{ $others }。损失是 −log(y + 1e-7)，书中用它来避免 log 0；但反向传播的 (y − t)/N 是 −log y 的导数：两者的相对差为 1e-7/(y + 1e-7) = { $gap }。这个差来自书中的 1e-7，不是反向传播的错误。
check-log-epsilon-others = （有 { $cells } 个目标元素的差超过容许误差）
check-list-comma = 、
check-list-and = { $rest } 和 { $last }
check-constant-one-row = { $name }：这批数据只有一行，所以无论 x 是什么，μ = x，xc = x − μ = 0：x̂ = 0/√(0 + 10e-7) = 0，out = β。只有书中的 10e-7 使它不成为 0/0，而且这一层完全不把 x 传下去（dx = 0，dγ = 0）。正规化至少需要两行不同的数据。
check-constant-columns = { $name }：输入的{ $which ->
        [every] 每一列
        [one] 第 { $cols } 列
       *[some] 第 { $cols } 列
    }在每一行的值都相同，所以那里 var = 0：xc = x − μ = 0，x̂ = 0，out = β。只有书中的 10e-7 使它不成为 0/0：std = √(0 + 10e-7) = { $std }，所以这一层把行与行之间的任何差都放大为 γ/std = { $gain }·γ 倍 —— x − μ 的舍入误差也一样，这正是梯度确认在那里看到的。

## area: jacobian
jac-add = 单位矩阵：对角线上 ∂({ $x } + { $y })/∂{ $x } = 1。捷径把 dout 原样传过去
jac-affine = 分块对角：out[n,·] 只通过 Wᵀ（{ $k }×{ $d }）依赖 x[n,·]；J 含有 { $n } 个 Wᵀ 的副本。捷径 dx = dout · Wᵀ 一次把它们全部作用上去
jac-bn-train = 按列耦合：out[n,j] 通过 μ 和 var 依赖 x 的整个第 j 列，但从不依赖其他列；J 由 { $d } 个稠密的 { $n }×{ $n } { $d ->
        [1] 块
       *[other] 块交错组成
    }。子步骤 dstd、dvar、dxc、dmu 不构建 J 就把它们作用上去
jac-bn-test = 测试时为对角矩阵：∂out[n,j]/∂x[n,j] = γ[j] / std[j]，因为 running 统计量不依赖 x
jac-dropout-train = 对角矩阵：掩码为 True（保留）处 ∂out[i]/∂x[i] 为 1，丢弃的元素处为 0；其他元素都是 0。捷径 dout ⊙ mask 逐个元素地作用这个对角矩阵
jac-dropout-test = 对角矩阵：测试时每个 ∂out[i]/∂x[i] 都是 1 − ratio = { $keep }；其他元素都是 0
jac-exp = 对角矩阵：∂{ $out }[i]/∂{ $x }[i] = exp({ $x }[i]) = { $out }[i]，其他元素为 0。捷径 { $dx } = dout ⊙ { $out } 逐个元素地乘以这个对角矩阵
jac-log = 对角矩阵：∂{ $out }[i]/∂{ $x }[i] = 1/{ $x }[i]，其他元素为 0。捷径 { $dx } = dout / { $x } 逐个元素地除以这个对角矩阵
jac-mul = 对角矩阵：∂({ $x } ⊙ { $y })[i]/∂{ $x }[i] = { $y }[i]（另一个因子）。捷径 { $dx } = dout ⊙ { $y } 逐个元素地乘以它
jac-reciprocal = 对角矩阵：∂{ $out }[i]/∂{ $x }[i] = −1/{ $x }[i]² = −{ $out }[i]²，其他元素为 0。捷径 { $dx } = −dout ⊙ { $out }² 逐个元素地乘以这个对角矩阵
jac-relu = 对角矩阵：x > 0 处 ∂out[i]/∂x[i] 为 1，掩码为 True 处为 0；其他元素都是 0。捷径 dout[mask] = 0 逐个元素地作用这个对角矩阵
jac-sigmoid = 对角矩阵：∂y[i]/∂x[i] = y(1 − y)，其他元素为 0。捷径 dx = dout ⊙ y ⊙ (1 − y) 逐个元素地乘以这个对角矩阵
jac-softmax = 分块对角：每一行一个稠密的 { $d }×{ $d } 块 diag(y) − y·yᵀ（共 { $n } 块），行与行之间为 0：一行的输出依赖该行的全部输入，不依赖其他。捷径 dx = y ⊙ (dout − Σ dout ⊙ y) 不构建各块就把它们作用上去
jac-softmax-loss = 只有一行（L 是标量）：∂L/∂x = (y − t)/N，N = { $n }。捷径直接写出这一行，从不构建 softmax 的 { $d }×{ $d } 块
jac-tanh = 对角矩阵：∂y[i]/∂x[i] = 1 − y[i]²，其他元素为 0。捷径 dx = dout ⊙ (1 − y²) 逐个元素地乘以这个对角矩阵
jac-kink-note = { $cells } 位于 { $layer } 的折点 { $at } 上，{ $layer } 在那里没有导数：中心差分（h = { $h }）在那里得到 { $mid }，介于两侧的斜率 { $left } 和 { $right } 之间，而反向传播使用 { $used }；{ $count ->
        [1] 它
       *[other] 它们
    }不参与比较。
jac-kink-more = 另外 { $n } 个
jac-title = 雅可比矩阵 ∂{ $of }/∂x（{ $name }）
jac-equal = ✓ 相等
jac-equal-away = ✓ 除折点外相等
jac-differ = ✗ 不相等
jac-verdict = dout·J 与该层的 dx：max |dout·J − dx| = { $diff } { $verdict }
jac-how = （J：正向传播的中心差分，h = { $h }）
jac-caption-vjp = 展平的 dout × J
jac-caption-dx = 该层的反向传播
jac-caption-dout = 传来的梯度
jac-block-keys = { $next }/{ $prev } 下一块/上一块
jac-block-whole = J：{ $rows }×{ $cols }，{ $of } 的每个元素一行，x 的每个元素一列（逐行展平）；· 表示恰好为 0
jac-block-loss = J 是 1×{ $in_n }；显示：x[{ $n },·] 的 { $cols } 列，即批次第 { $n } 行（共第 0–{ $last } 行）；其他行的列各有自己的 (y − t)/N · { $keys }
jac-block-row = J 是 { $out_n }×{ $in_n }；显示：批次第 { $n } 行的块（共第 0–{ $last } 行），{ $of }[{ $n },·] × x[{ $n },·]（{ $rows }×{ $cols }）；行块之外 J 为 0，· 表示恰好为 0 · { $keys }
jac-block-column = J 是 { $out_n }×{ $in_n }；显示：第 { $j } 列的块（共第 0–{ $last } 列），{ $of }[·,{ $j }] × x[·,{ $j }]（{ $rows }×{ $cols }）；列块之外 J 为 0，· 表示恰好为 0 · { $keys }
jac-position = 行 { $r0 }–{ $r1 }/{ $rows } 列 { $c0 }–{ $c1 }/{ $cols }
jac-status-whole = J 已完整显示：没有其他分块
jac-status-last = 这是 { $blocks } 个分块中的最后一块
jac-status-first = 这是 { $blocks } 个分块中的第一块

## area: errors
err-log-domain = log 只在大于 0 处有定义，但它的输入 { $at } = { $v }
err-reciprocal-domain = 1 / 0 不是一个数，而它的输入 { $at } = { $v }
err-outside-domain = { $at } = { $v } 超出了 { $layer } 的定义域
err-overflow = { $what } 变成了 { $value }：数值{ $inf }；请使用更小的值
err-overflow-training = 第 { $iter } 次迭代：{ $what } 变成了 { $value }：数值不断增大，{ $inf }；请降低学习率（当前 lr 为 { $lr }）
err-iteration = 第 { $iter } 次迭代
err-what-output = { $who }的输出
err-what-objective = 目标值
err-what-loss = 损失 L
err-what-the-loss = 损失
err-what-scalar = L = Σ dout ⊙ out（反向传播所微分的标量）
err-what-dx = { $who }的梯度 dx
err-what-grad = { $who }的梯度 d{ $name }
err-node-who = 节点 { $number }（{ $name }）
err-nudge-outside = 元素 { $cell } 在 { $name } 的输出之外，该输出是 { $shape }
err-graph-shapes = 计算图没有节点，或者它的形状是为另一个计算图求出的
err-t-labels = t 有 { $labels } 个标签，但这批数据有 { $n } 行：每一行给一个标签
err-label-range = 标签 { $label }（第 { $row } 行）超出范围：输出有 { $k } 个类别，所以标签从 0 到 { $last }
err-t-shape = t 是 { $t }，但输出是 { $out }：每个样本一行，每个类别一列
err-t-negative = t 的第 { $row } 行有负值：监督数据应是 one-hot 的行（或概率）
err-t-sum = t 的第 { $row } 行之和为 { $sum }：t 的每一行之和都必须为 1（one-hot，如 [0, 1, 0]），因为反向传播的 (y − t)/N 以此为前提
err-no-layers = 网络没有层：请至少添加一个 [[layers]] 表
err-x-empty = x 是空的：请至少给出一行、一个值
err-loss-not-last = { $who } 是 { $kind }，但不是最后一层：损失必须位于链的末尾
err-shape-x = 形状不匹配：x 是 { $shape }，但 { $who } 无法接受
err-shape-layer = 形状不匹配：{ $from } 输出 { $shape }，但 { $who } 无法接受
err-too-many-cells = 各层输出合计 { $cells } 个元素；为了让记录的每一步都能放进内存，最多允许 { $max } 个：请减少层数或使用更小的矩阵
err-needs-t = 最后一层是 softmax_with_loss，所以预设需要监督数据 t（类别标签或 one-hot 行）
err-dout-with-loss = 给出了 dout，但链以损失结束，反向传播从 ∂L/∂L = 1 开始：请删除 dout
err-t-unread = 给出了 t，但链不以 softmax_with_loss 结束，没有任何地方读取它：请删除 t 或添加一个 softmax_with_loss 层
err-dout-shape = dout 是 { $dout }，但最后的输出是 { $out }：两者必须一致
err-graph-no-nodes = 计算图没有节点：请至少添加一个带有 name、type 和 inputs 的 [[nodes]] 表
err-input-empty-name = 输入 { $number } 的名称为空
err-input-empty = 输入 "{ $name }" 是空的：请至少给出一个值
err-input-twice = 有两个输入都叫 "{ $name }"：请给每个输入一个不同的名称
err-node-empty-name = 节点 { $number } 的名称为空
err-node-input-name = { $who } 与某个输入同名：请让节点和输入使用不同的名称
err-node-twice = 有两个节点都叫 "{ $name }"：请给每个节点一个不同的名称
err-node-arity = { $who } 是 { $kind } 节点，接受 { $arity } 个输入，但 inputs 列出了 { $given } 个：{ $hint }
err-node-arity-two = mul 和 add 接受两个名称，如 inputs = ["apple", "apple_num"]
err-node-arity-one = 层节点接受一个名称（它的参数写在同一处）
err-node-self = { $who } 把自己用作输入：这是一个环；节点只能使用输入和前面的节点
err-node-later = { $who } 使用了 "{ $name }"，它是后面定义的节点 { $later }：节点只能使用输入和前面的节点（这样计算图就没有环）；请把节点 { $later }（{ $name }）移到它前面
err-node-unknown = { $who } 使用了 "{ $name }"，它既不是输入也不是节点：输入有 { $inputs }
err-input-unused = 输入 "{ $name }" 没有被任何节点使用：请删除它，或在某个节点的 inputs 中写上它的名称
err-node-unused = { $who } 没有被后面的任何节点使用，但只有最后一个节点（{ $last }）可以作为输出：请在后面某个节点的 inputs 中使用它，或删除它
err-node-loss-not-last = { $who } 是 softmax_with_loss，但不是输出：损失必须是最后一个节点
err-node-shapes = 形状不匹配：{ $who }（{ $kind }）得到 { $a } { $a_shape } 和 { $b } { $b_shape }：第二个输入必须与第一个形状相同，或是 1×1（一个数）
err-node-shape = 形状不匹配：{ $who } 得到 { $input } { $shape }，无法接受
err-graph-too-many-cells = 各节点输出合计 { $cells } 个元素；最多允许 { $max } 个：请使用更小的矩阵
err-graph-needs-t = 输出节点（{ $name }）是 softmax_with_loss，所以预设需要监督数据 t
err-graph-dout-with-loss = 给出了 dout，但计算图以损失结束，反向传播从 ∂L/∂L = 1 开始：请删除 dout
err-graph-t-unread = 给出了 t，但输出节点（{ $name }）不是 softmax_with_loss，没有任何地方读取它
err-graph-dout-shape = dout 是 { $dout }，但输出节点（{ $name }）是 { $out }：两者必须一致
err-affine-b = b 有 { $values } 个值，但 W 是 { $w }：W 的每一列需要 b 的一个值，共 { $cols } 个
err-affine-w = W 是 { $w }，但输入有 { $d } 列：W 需要 { $d } 行
err-loss-needs-t = Softmax-with-Loss 需要监督数据 t
err-loss-t-shape = t 是 { $t }，但得分是 { $x }
err-factor-shape = { $name } 是 { $shape }，但输入是 { $input }：{ $name } 必须是 { $input } 或 1×1
err-dropout-ratio = ratio 为 { $ratio }：被删除元素的比例必须大于等于 0 且小于 1，如 0.5
err-bn-param = { $name } 有 { $values } 个值，但输入有 { $d } 列：每一列给一个值
err-dout-expected = { $name } 是 { $shape }，应为 { $want }
err-cache-kind = 传给 { $layer } 反向传播的缓存来自另一种层
err-data-labels = { $rows } 行，但有 { $labels } 个标签：每一行给一个标签
err-data-label-range = 标签 { $label }（第 { $row } 行）超出范围：共有 { $classes } 个类别
err-test-fraction = test_fraction 为 { $value }：它必须大于等于 0 且小于 1（0.2 表示留出五分之一的行用于测试）
err-test-fraction-all = { $name } 有 { $n } 行，test_fraction = { $value } 使训练数据一行都不剩：请使用更小的 test_fraction 或更多的点
err-digits-damaged = 内嵌的手写数字数据已损坏（无法解压）：请重新构建 backstep
err-digits-numbers = 手写数字数据第 { $line } 行：不是一列数
err-digits-values = 手写数字数据第 { $line } 行：有 { $values } 个值，应为 { $pixels } 个像素加一个标签
err-gzip-damaged = 文件看起来是 gzip 压缩的，但无法解压（被截断或已损坏）
err-idx-header = 被截断：只有 { $bytes } 字节，不够 { $header } 字节的 IDX 文件头
err-idx-magic = 魔数 { $found } 不对：IDX { $what ->
        [image] 图像
       *[label] 标签
    }文件以 { $want }（{ $decimal }）开头
err-idx-images-truncated = 被截断：文件头声明有 { $count } 张 { $size } 的图像，共 { $need } 字节，但后面只有 { $found } 字节
err-idx-no-images = 文件中没有图像（{ $count } 张 { $size }）
err-idx-labels-truncated = 被截断：文件头声明有 { $count } 个标签，但后面只有 { $found } 字节
err-gen-points = { $name }：points 为 { $points }，但必须在 1 到 { $max } 之间（每个类别的点数）
err-gen-spiral-classes = spiral：classes 为 { $classes }，但螺旋有 2 到 10 条臂
err-gen-classes = { $name }：classes 为 { $classes }，但 { $name } 恰好有 2 个类别；请删除 classes 或设为 2
err-gen-noise = { $name }：noise 为 { $noise }，但必须是 ≥ 0 的数
err-iters-zero = iters 为 0：至少训练一次迭代
err-iters-max = iters 为 { $iters }：最多允许 { $max } 次（书中训练 10000 次；每次迭代的损失都会保留）
err-batch-zero = batch 为 0：mini-batch 至少需要一行
err-train-needs-loss = 训练需要损失：请以 softmax_with_loss 结束各层
err-no-training-rows = 数据集 { $name } 没有训练数据
err-network-data = 网络与数据集 { $name }（{ $features } 个特征，{ $classes } 个类别）不匹配：{ $error }
err-boundary-features = 决策边界图需要 2 个特征；{ $name } 有 { $features } 个
err-no-parameter = { $layer } 没有要更新的参数 { $name }
err-no-rows-to-predict = 没有要预测的行
err-accuracy-no-rows = 无法计算零行的识别精度
err-no-tensor = 没有这个张量
err-h-positive = h 必须是正数，得到的是 { $h }
err-check-worker = 梯度确认的一个工作线程失败了
err-lr-positive = 学习率为 { $lr }，但必须是正数
err-optim-range = { $name } 为 { $value }，但必须大于等于 0 且小于 1
err-optim-count = 这个最优化方法是为 { $made } 个参数创建的，但得到了 { $count } 个
err-optim-index = 参数 { $index } 超出了这次更新开始时的 { $count } 个
err-optim-shape = { $key } 的梯度是 { $grad }，但参数是 { $value }
err-check-cancelled = 梯度确认已取消
err-no-step = 步骤 { $step } 不存在：共有 { $steps } 步
err-no-layer = 层 { $layer } 不存在：网络共有 { $layers } 层
err-layer-not-in-run = 层 { $layer } 不在这次运行中：它是否来自另一个网络？
err-empty-input = { $name } 的输入为空
err-no-loss = 损失层没有给出损失
err-output-shape-changed = x 变动时该层输出的形状变了
err-dout-cells = dout 有 { $cells } 个元素，但输出有 { $out } 个
err-block-cell = 块中的一个元素在其矩阵之外
err-dx-shape = dx 与 x 的形状不同
err-who-said = { $who }：{ $error }
err-not-a-number = 不是一个数
err-too-large = 超出了 f64 的范围（最大约为 { $max }）
## area: views
# the inspector: the mask, its caption (a formula, then the step that wrote it)
views-insp-mask-caption = { $rule }，步骤 { $k }
views-insp-relu-out = x 中 True 的元素置为 0
views-insp-dropout-out = x 中 False 的元素置为 0
views-insp-relu-heading = ReLU 掩码：x ≤ 0 处为 True（■）——这些元素输出 0
views-insp-dropout-heading = Dropout 掩码：rand > ratio 处为 True（■）——这些元素保留，其余输出 0
views-insp-arriving = 传来的梯度
views-insp-relu-dx = dout 中被掩码（True）的元素为 0
views-insp-dropout-dx = dout 中被删除（False）的元素为 0
views-insp-relu-backward = 反向传播沿用正向传播的掩码：× 标出被阻断的梯度，即掩码为 True 的元素
views-insp-dropout-backward = 反向传播沿用正向传播的掩码：× 标出被阻断的梯度，即被删除（False）的元素（Dropout 的 True 表示保留，ReLU 的 True 表示置 0）
views-insp-db-caption = 每列之和 ↓ = db
views-insp-db-heading = db = Σₙ dY[n,·]，按行相加（axis=0）：每列一个总和，因为 b 加到了每一行上
views-insp-cached-by-forward = 正向传播时保存
views-insp-sigmoid-heading = dx = dout ⊙ y ⊙ (1 − y)：只需要保存的 y，不需要 x
views-insp-softmax = softmax
views-insp-one-hot = one-hot 表示
views-insp-swl-forward = Softmax-with-Loss：y = softmax(x)，L = −log y[正确类别] 的平均；反向传播只需要 y 和 t
views-insp-swl-backward = Softmax-with-Loss：dx = (y − t) / N，即每个概率的误差除以批大小
views-insp-cached-at = 正向传播步骤 { $k } 时保存
views-insp-read = 读入
# a step's operands: its label, what it reads, what it writes
views-insp-reads-writes = { $label }：读入 { $reads } → 写入 { $writes }
views-insp-many-terms = { $cell } = { $value } 由 { $terms } 项组成：在其上按 { $key } 查看各项
# the note line while a quiz question is open
views-note-after-answer = 回答之后才显示这一步的说明
# the quiz panel: the hidden cell, the keys, the heading (step, layer, op label, cell)
views-quiz-hidden = { $name } 被隐藏了（?）：• 标出 { $cell }，› 标出它由哪些元素算出。请输入它的值。
views-quiz-hidden-unnamed = 写入的矩阵被隐藏了（?）：• 标出 { $cell }，› 标出它由哪些元素算出。请输入它的值。
views-quiz-keys = { $keys } · 相对误差 1e-3 以内算对 · 得分 { $score }
views-quiz-heading = 测验——步骤 { $k }（{ $layer } { $label }）：{ $cell } 是多少？
views-quiz-heading-bare = 测验——步骤 { $k }：{ $cell } 是多少？
# the nudge panel
views-nudge-this-step = 这一步：{ $name } 的 { $cells } 个元素中有 { $moved } 个变了（Δ）
views-nudge-still = 这一步：{ $name } 没有变
views-nudge-ratio = 实际 / 预测 = { $ratio }
views-nudge-no-ratio = 预测为 0：没有比值
views-nudge-cell = { $cell } = { $after }，推动前为 { $before }
views-nudge-actual = 实际
views-nudge-predicted = 预测
views-nudge-actual-line = { $name }：{ $base } → { $nudged }，变化 { $change }
views-nudge-predicted-line = 梯度 × h = { $gradient } × { $h } = { $change }
views-nudge-gap = { $ratio }，相对差 { $gap }（一阶近似：随 h 变小）
views-nudge-source = 梯度来自 { $source }
views-nudge-keys = { $this_step } · 共有 { $steps } 个步骤变了 · { $smaller } h÷10  { $larger } h×10  { $clear } 清除
views-nudge-heading = Δ 推动 { $name }，h = { $h }
views-nudge-from-dx = 本次运行的 dx（∂L/∂x）
views-nudge-from-grad = { $layer } 的 d{ $name }
views-nudge-from-loss = 交叉熵误差的 ∂L/∂y = −t/(N·(y + 1e-7))；该层的反向传播从不计算它（直接得到 (y − t)/N）
views-nudge-from-dout = 传到 { $layer } 的 dout（∂L/∂out）
# the shape algebra panel
views-shapes-used = 采用
views-shapes-heading = 形状推算——只凭形状求 { $target }（按 { $key } 隐藏）
# the gradient check popup (its table's columns and the costs are the CLI's: report-check-*)
views-check-running = 梯度确认——运行中
views-check-progress = h = { $h } 的数值梯度：已算 { $done } / { $total ->
   *[other] { $total_text }
} 个元素（每个元素 2 次正向传播）
views-check-title-pass = 梯度确认——通过（h = { $h }）
views-check-title-fail = 梯度确认——未通过（h = { $h }）
views-check-notes-window = 说明，第 { $first }–{ $last } 行，共 { $total } 行（{ $key }：回到矩阵）
views-check-rel = rel = |a − n| / max(|a|, |n|, floor)；a = 反向传播，n = 数值微分
views-check-floor = 下限 floor { $floor }：低于它的梯度在这个 h 下按绝对差比较（|a − n| ≤ { $noise } 即通过：仅 L 的舍入误差就可能造成这么大的差）
views-check-notes-count = { $n ->
    [0] 没有说明
   *[other] { $n } 条说明
}（{ $key }：说明，以及每种方法的开销）
views-check-pane-backprop = a：反向传播
views-check-pane-numerical = n：数值微分
views-check-worst = 最差 { $cell }：rel { $rel } · { $cells ->
   *[other] { $cells_text }
} 个元素中有 { $over } 个超过 { $tolerance } · 在 { $at }：a = { $a }，n = { $n }，rel { $rel_here }
views-check-rerun = 按 { $times ->
    [one] { $key }
   *[other] { $key } { $times } 次
}，以 h = { $h } 重新确认
views-check-gap-grows = 数值微分每个元素需要 2 次正向传播，所以参数越多差距越大
views-check-book-scale = 书中的规模：TwoLayerNet 784→50→10 有 { $params } 个参数，所以每次求梯度需要 { $passes } 次正向传播；反向传播：1 + 1
# the quiz: verdicts, the score, status lines
views-quiz-right = 答对了：{ $typed }（值为 { $answer }）
views-quiz-wrong = 差一点：你答的是 { $typed }，值为 { $answer }（相差 { $off }）
views-quiz-score = 答对 { $right }/{ $asked }
views-quiz-empty = 请输入一个数，例如 0.25 或 -1.5e-2
views-quiz-not-a-number = “{ $typed }”不是数：请输入例如 0.25 或 -1.5e-2
views-quiz-not-finite = { $typed } 不是有限的数：请输入例如 0.25
views-quiz-too-large = { $typed } 超出了 f64 的范围（最大约 ±1.8e308）：请输入例如 0.25
views-quiz-on = 测验开：从下一个反向传播步骤起，每一步在显示前先让你填一个元素 · 得分 { $score }
views-quiz-off = 测验关 · 得分 { $score }
views-quiz-skipped = 跳过了 { $cell } · 得分 { $score }
# a cell's explanation (Enter): its title, and a cell no step computed
views-cell-step-title = { $cell }——步骤 { $k }（{ $layer } { $label }）
views-explain-part-of = { $cell } 是步骤 { $k } 的 { $target }：
views-explain-outside = { $cell } 在矩阵之外
views-explain-input = { $cell } = { $value }：网络的输入，由预设给出。
views-explain-press-edit = 按 { $key } 修改它；所有步骤都会重新计算。
views-explain-param = { $cell } = { $value }：{ $layer } 的参数。
views-explain-param-grad-at = 它的梯度 d{ $name } 在反向传播步骤 { $k } 写入。
views-explain-param-grad = 它的梯度是 d{ $name }。
views-explain-target = { $cell } = { $value }：监督数据，该行正确类别处为 1。
views-explain-target-use = Softmax-with-Loss 比较 y 和 t；反向传播从 y − t 开始。
views-explain-dout = { $cell } = { $value }：反向传播起点的梯度。
views-explain-dout-meaning = 因为 L = Σ { $d } ⊙ { $out }，所以 { $d }[i,j] = ∂L/∂{ $out }[i,j]。按 { $key } 修改它。
# status lines of the explorer
views-nudge-cleared = 已清除推动
views-nothing-to-close = 没有可关闭的 · 按 { $key } 退出
views-exported = 已把步骤 { $k } 导出到 { $file }
views-exported-kept = 已把步骤 { $k } 导出到 { $file }（{ $existing } 已存在，保留未动）
views-export-failed = 无法写入 { $path }：{ $error }
views-shapes-on = 形状推算开：在每个 Affine 步骤显示（按 { $key } 隐藏）
views-shapes-on-elsewhere = 形状推算开：它出现在 Affine 步骤上（这一步不是）
views-shapes-off = 形状推算关
# the graph view: status lines and an edge's explanation
views-graph-none = 这一步的层没有可画的计算图
views-graph-no-edit = 修改和推动只适用于链式预设；要改计算图预设，请修改其文件中的 [inputs]
views-graph-cell-of = { $value }（{ $matrix } 的 { $at }）
views-graph-value = 值：{ $name } = { $value }
views-graph-gradient = 梯度：{ $value }
views-graph-gradient-later = 梯度：还不知道；反向传播在步骤 { $k } 到达这条边
views-graph-no-gradient = 没有梯度沿这条边反向传回
views-graph-edge-title = { $label }——第 { $k } 条边，共 { $n } 条
# the nudge's status lines
views-nudge-refused = { $name } 不能推动：用 { $focus } 选中网络的输入 x、W、b、w 或某个正向传播的输出（Y、out、y），再按 { $nudge }
views-nudge-refused-pane = 这个面板不能推动：用 { $focus } 选中网络的输入 x、W、b、w 或某个正向传播的输出（Y、out、y），再按 { $nudge }
views-nudge-none = 还没有推动：在网络的输入 x、W、b 或某个正向传播输出的元素上按 { $key }
views-nudge-smallest = h = { $h } 已经是最小的推动（{ $lo } 到 { $hi }）；按 { $key } 变大
views-nudge-largest = h = { $h } 已经是最大的推动（{ $lo } 到 { $hi }）；按 { $key } 变小
# the edit prompt and its errors
views-edit-computed = { $name } 是算出来的，不是给定的：修改网络的输入 x、参数（W、b、w）、t 或起始的 dout，它会被重新计算。
views-edit-class = t 第 { $row } 行的类别，0 到 { $last }（现在是 { $now }）：该行变为 one-hot 表示
views-edit-value = { $cell } 的新值（现在是 { $now }）
views-edit-not-a-number = “{ $typed }”不是数：请输入例如 0.5 或 -2
views-edit-not-finite = { $typed } 不是有限的数：请输入例如 0.5 或 -2
views-edit-too-large = { $typed } 超出了 f64 的范围（最大约 ±1.8e308）：请输入例如 0.5 或 -2
views-edit-outside = 该元素在矩阵之外
views-edit-no-input = 节点没有这个输入
views-edit-node-computed = { $name } 由节点算出，不是给定的：请修改计算图的输入
views-edit-no-layer = 没有这个层
views-edit-no-param = 没有这个参数
views-edit-no-dout = 这个预设从损失函数开始，没有 dout
views-edit-no-targets = 这个预设没有监督数据
views-edit-not-a-class = “{ $typed }”不是类别：请输入 0 到 { $last } 的整数
views-edit-row-outside = 该行在 t 之外
# the picker's prompt and the check's status lines
views-picker-path = .toml 预设的路径（与内置预设同名的文件写作 ./名称）
views-picker-stopped = 不再等待 { $name }；当前预设保持不变
views-check-cancelled = 已取消梯度确认
views-check-h-stays = h 保持 { $h }：梯度确认的按键范围是 { $lo } 到 { $hi }
views-check-all-within = 所有元素都在容许误差之内
# the graph view's figures: titles, a node's label, each edge's explanation
views-fig-sigmoid-title = { $layer } 的计算图（图 5-19），元素 { $cell }
views-fig-affine-title = { $layer } 的计算图（图 5-25）：边上标着形状
views-fig-swl-title = { $layer } 的计算图（图 5-30），元素 { $cell }
views-fig-cell-title = { $layer } 的计算图，元素 { $cell }
views-fig-title = { $layer } 的计算图
# the node of Fig. 5-29/5-30 (the book's figures write it in English)
views-fig-cross-entropy = Cross Entropy
views-fig-edge-gradient = 沿 { $value } 反向流回的梯度是 { $grad }（书中的图，数值取自记录的各步骤）
views-fig-loss-start = d L = ∂L/∂L = 1：反向传播从损失开始
views-fig-dout-start = d { $out } = { $value }：反向传播从 dout（默认全为 1）开始，即 L = Σ dout ⊙ { $out } 的梯度
views-fig-one-path = 经过 { $node } 的 ∂{ $of }/∂{ $name }（一条路径）
views-fig-mul-partial-summed = { $partial } = dout × { $other } = { $dout } × { $value } = { $grad }（对所有元素求和）
views-fig-mul-swaps = 乘法节点交换输入：{ $name } 的梯度是 dout（{ $dout }，来自 { $node }）乘以另一个输入 { $other } = { $value }
views-fig-add-partial-summed = { $partial } = Σ dout = { $grad }（{ $name } 被加到了每个元素上）
views-fig-add-passes = 加法节点把 dout（{ $dout }，来自 { $node }）原样传下去：∂({ $a } + { $b })/∂{ $name } = 1
views-fig-loss-layer-backward = { $node }（Softmax-with-Loss：(y − t)/N）的反向传播：从 dout = { $dout } 开始；逐步查看它的反向传播步骤可以看到每个乘积
views-fig-layer-backward = { $node }（{ $kind }）的反向传播：从 dout = { $dout } 开始；逐步查看它的反向传播步骤可以看到每个乘积
views-fig-fan-out = { $name } 输入到 { $n } 个节点：总的 ∂{ $of }/∂{ $name } = { $paths } = { $total }（所有路径之和）
# a terminal smaller than the explorer needs
views-too-small = 终端太小：需要 { $need }（现在是 { $now }）
views-terminal-signals = 无法监听 SIGTERM 和 SIGHUP 信号
views-terminal-setup = 无法设置终端（当前是在终端里运行吗？）
views-terminal-read = 无法读取终端输入
# the nudge's errors (a cell or layer that is not there)
views-nudge-bad-h = 推动的 h 必须是非零的数，得到的是 { $h }
views-nudge-no-param = { $layer } 没有参数 { $name }；它的参数：{ $available }
views-nudge-no-grad = 本次运行没有 { $layer }.{ $name } 的梯度
views-nudge-no-targets = 损失层没有监督数据
views-nudge-no-layer = 第 { $k } 层不存在：网络共有 { $n } 层
views-nudge-outside = 元素 { $cell } 在 { $shape } 矩阵之外
views-nudge-outside-of = 元素 { $cell } 在 { $name }（{ $shape }）之外
views-nudge-step-count = 推动后的运行有 { $nudged } 个步骤，而原来的运行有 { $base } 个
views-nudge-shape-changed = 推动使步骤 { $k } 的形状变了
# under the error of a preset that could not be loaded
views-load-unchanged = 当前预设保持不变。


## area: train
train-state-running = ▶ 运行中
train-state-paused = ‖ 已暂停
train-state-finished = ■ 已完成
train-state-failed = ✗ 失败
train-iteration = 迭代 { $i }/{ $n }
train-speed = { $rate } it/s
train-speed-avg = { $rate } it/s（平均）
train-speed-limit = { $measured }（上限 { $limit }）
train-elapsed = 用时 { $clock }
train-lr = { $optimizer } 学习率 { $lr }
train-batch = 批大小 { $batch }
train-seed = 随机种子 { $seed }
train-data = { $data } 训练 { $train } / 测试 { $test }
train-loss = 损失 { $loss }
train-acc-train = 训练 { $acc }
train-acc-test = 测试 { $acc }
train-final-after = { $n } 次迭代后的最终结果
train-final-at = 最终@{ $n }
train-loss-title = 每次迭代的损失
train-loss-title-last = 每次迭代的损失：{ $loss }
train-no-iterations = 还没有迭代
train-axis-iteration = 迭代
train-axis-iter = 迭代
train-accuracy-title = 每个 epoch 的识别精度
train-accuracy-empty = 在第 0 次迭代后和每个 epoch 结束时测量
train-legend-train = 训练
train-legend-test = 测试
train-boundary-title = 决策边界
train-images-title = 测试图像
train-images-wrong = { $n } 张中 { $wrong } 张识别错误 ✗(正确标签)
train-weights-title = 第一层的 W
train-weights-units = { $n } 个神经元，各画成 { $side }
train-worker-stopped = 训练线程已停止；按 { $key } 重新开始
train-speed-status = 速度：{ $speed } · { $slower } 更慢 · { $faster } 更快
train-speed-full = 全速
train-speed-at-most = 最多 { $s } it/s
train-opening = 正在步骤界面中打开迭代 { $i }…
train-nothing-to-close = 没有可关闭的 · 按 { $key } 退出
train-opened = 迭代 { $i }：它的 mini-batch 和权重，停在更新处 · { $forward } 正向传播 · { $backward } 反向传播 · { $back } 回到训练
train-no-steps = 记录的迭代没有任何步骤

## area: preset-errors
perr-kind-directory = 一个文件夹
perr-kind-fifo = 一个命名管道（FIFO）
perr-kind-socket = 一个套接字
perr-kind-char-device = 一个字符设备
perr-kind-block-device = 一个块设备
perr-kind-special = 一个特殊文件
perr-kind-file = 一个文件
perr-noun-preset = 预设文件
perr-noun-data = 数据文件
perr-not-regular = { $path }：这是{ $kind }，不是{ $noun }：请给出普通文件的路径
perr-bytes = { $n } 字节
perr-cannot-read = { $path }：无法读取{ $noun }
perr-too-long = { $path }：文件超过 { $size }；{ $noun }最多 { $size }
perr-io-not-found = 没有这个文件或文件夹
perr-io-permission = 没有权限
perr-io = { $what }：{ $why }
perr-io-is-directory = 这是文件夹，不是文件
perr-io-not-directory = 路径中有一部分是文件，不是文件夹
perr-io-invalid-data = 文件的内容无效
perr-io-unexpected-eof = 文件提前结束了
perr-io-too-large = 文件太大
perr-io-name-too-long = 文件名太长
perr-io-busy = 文件正被占用，请再试一次
perr-io-interrupted = 读取被中断，请再试一次
perr-io-storage-full = 磁盘已满
perr-io-read-only = 文件系统是只读的
perr-io-exists = 文件已经存在
perr-io-out-of-memory = 内存不足
perr-io-other = 系统报告：{ $reason }
perr-mnist-hint = 书中的 dataset/mnist.py 会把 train-images-idx3-ubyte.gz、train-labels-idx1-ubyte.gz、t10k-images-idx3-ubyte.gz 和 t10k-labels-idx1-ubyte.gz 下载到它的 dataset/ 文件夹（在那里运行 `python -c "import mnist; mnist.init_mnist()"`）；用 --data mnist:DIR 传入该文件夹（压缩与否都可以）
perr-mnist-no-folder = 数据 "{ $data }" 没有指定文件夹：请写成 mnist:DIR，例如 mnist:dataset
perr-data-unknown = 没有数据集 "{ $data }"：请用 { $names } 之一
perr-mnist-not-folder = { $path }：这是{ $kind }，不是文件夹；{ $hint }
perr-mnist-no-such-folder = { $path }：没有这个文件夹；{ $hint }
perr-mnist-missing = { $path }：不存在（{ $name } 也不存在）；{ $hint }
perr-mnist-label-count = { $path }：{ $images } 张图像却有 { $labels } 个标签；图像文件和标签文件必须是配套的
perr-mnist-label-range = { $path }：有标签大于 9；MNIST 的标签是数字 0–9
perr-mnist-sizes = { $path }：测试图像是 { $test }，训练图像却是 { $train }
perr-mnist-needs-folder = { $preset } 在 MNIST 上训练，而 MNIST 没有内置：请用 --data mnist:DIR 传入存放它四个文件的文件夹，例如 `backstep train --preset { $preset } --data mnist:dataset`；{ $hint }
perr-at-least = { $name } 是 { $n }，但至少要 { $min }
perr-too-large = { $name } = { $n } 太大了
perr-iters-too-many = iters 是 { $n }，但最多 { $max }（书中训练 10000 次）
perr-not-finite = { $name } { $why }：请给出有限的数
perr-optimizer-unknown = 没有最优化方法 "{ $optimizer }"：请用 { $names } 之一
perr-flag-iters-zero = --iters 是 0：至少要训练一次迭代
perr-flag-iters-too-many = --iters 是 { $n }，但最多 { $max }（书中训练 10000 次；每次迭代的损失都会保存）
perr-flag-batch-zero = --batch 是 0：mini-batch 至少要有一行
perr-generated-only = { $what } 只用于生成的数据集（spiral、xor、circles、moons），不能用于 { $data }
perr-data-preset-none = [train] data = "preset" 用预设自己的 x 和 t 训练，但它没有：请加上 x 和 t，或者指定一个数据集（{ $names }）
perr-type-string = 字符串
perr-type-integer = 整数
perr-type-float = 数
perr-type-boolean = true 或 false
perr-type-datetime = 日期
perr-type-array = 列表
perr-type-table = 表
perr-not-a-number = { $what } 必须是数，实际是{ $found }
perr-value-not-finite = { $what } { $why }：每个值都必须是有限的数
perr-matrix-empty = { $field } 是空的：至少给出一行、一个值
perr-matrix-too-wide = { $field } 是 { $shape }：行数和列数最多 { $max }
perr-matrix-too-many-cells = { $field } 是 { $shape } = { $cells } 个元素：每个矩阵最多 { $max } 个元素
perr-matrix-not-rows = { $field } 必须是由行组成的列表，例如 [[1.0, 2.0], [3.0, 4.0]]
perr-matrix-row-not-list = { $field } 的第 { $row } 行是{ $found }，不是列表：每一行都必须写成 [..]
perr-matrix-ragged = { $field } 的行长短不一：第 0 行有 { $width } 个值，第 { $row } 行却有 { $len } 个；每一行的长度必须相同
perr-matrix-type = { $field } 必须是矩阵（由行组成的列表）或生成器表，实际是{ $found }
perr-shape-whole = { $field }：shape 必须列出整数，例如 [2, 3]
perr-shape-missing = { $field }：生成器需要 shape = [行数, 列数]
perr-shape-two = { $field }：shape 必须是 [行数, 列数]
perr-shape-positive = { $field }：shape { $shape } 必须是正数
perr-fill-unknown-key = { $field }：fill 生成器里没有键 "{ $key }"；请用 fill 和 shape，例如 {"{"} fill = 0.0, shape = [3] {"}"}
perr-random-unknown-key = { $field }：生成器里没有键 "{ $key }"；请用 random、shape、scale、seed、init（或 fill = v 加 shape）
perr-random-kind = { $field }：random 必须是 "normal" 或 "uniform"，实际是 { $found }
perr-random-missing = { $field }：生成器表需要 random = "normal" 或 "uniform"
perr-seed-range = { $field }：seed 必须是 0 到 { $max } 的整数，实际是 { $found }
perr-labels-unknown-key = { $field }：标签生成器里没有键 "{ $key }"；请用 random = "labels"、classes、shape 和 seed，例如 {"{"} random = "labels", classes = 10, shape = [100], seed = 3 {"}"}
perr-labels-classes = { $field }.classes 必须是 1 到 { $max } 的整数（类别数，即最后一层的宽度），实际是 { $found }
perr-labels-classes-missing = { $field }：标签生成器需要 classes = K，即类别数（最后一层的宽度），例如 classes = 10
perr-labels-count = { $field }.shape = [{ $n }]：标签数必须在 1 到 { $max } 之间
perr-labels-shape = { $field }.shape 必须是 [N]，一个整数：标签数（x 的每一行一个），例如 [100]
perr-labels-shape-found = { $field }.shape 必须是 [N]，即标签数（x 的每一行一个），例如 [100]；实际是 { $found }
perr-labels-shape-missing = { $field }：标签生成器需要 shape = [N]，即标签数（x 的每一行一个），例如 [100]
perr-layer-needs = { $kind } 层需要 { $what }
perr-not-both = 请给出 { $a } 或 { $b }，不要两个都给
perr-one-row = { $key } 必须是一行值，例如 [0.1, 0.2]
perr-whole-from-0 = { $key } 必须是从 0 起的整数，实际是 { $found }
perr-flag = { $key } 必须是 true 或 false，实际是 { $found }
perr-layer-takes-nothing = 除了 type 和 name 没有别的字段
perr-layer-no-field = { $kind } 层没有字段 `{ $key }`；它的字段是 { $takes }
perr-at = 第 { $line } 行第 { $column } 列
perr-x-missing = 缺少字段 `x`：请给出输入的批数据，例如 x = [[1.0, 2.0]]（只有 [train] 部分指定了数据集的预设才可以省略）
perr-x-missing-with-t = 给了 t 或 dout 却没有给 x：请把 x 也给出
perr-no-layers = 这个预设没有层：请至少加一个带 type 的 [[layers]] 表
perr-layer-type-unknown = 没有层类型 "{ $kind }"：可用的类型是 { $valid }
perr-layer-which = 第 { $n } 层（{ $kind }）
perr-layer-empty-name = 第 { $n } 层的名字是空的
perr-layer-same-name = 有两层都叫 "{ $name }"：请给每一层取不同的名字
perr-seed-out-of-range = seed = { $literal } 超出范围：随机种子必须是 0 到 { $max } 的整数
perr-integer-out-of-range = { $literal } 超出了整数的范围（{ $min } 到 { $max }）；如果指的是一个值，请写成浮点数，例如 1e21
perr-layer-n = 第 { $n } 层
perr-type-not-string = type 必须是字符串，例如 "relu"，实际是{ $found }
perr-type-missing = 缺少字段 `type`
perr-name-not-string = name 必须是字符串，实际是{ $found }
perr-t-random-numbers = t：random = "{ $kind }" 生成的是数，不是类别标签：请用 {"{"} random = "labels", classes = 10, shape = [100], seed = 3 {"}"} 生成标签，或者直接列出
perr-t-generator = t：标签生成器写作 {"{"} random = "labels", classes = 10, shape = [100], seed = 3 {"}"}
perr-t-type = t 必须是类别标签的列表，例如 [1, 0]；或 one-hot 的行，例如 [[0, 1], [1, 0]]；或标签生成器，例如 {"{"} random = "labels", classes = 10, shape = [100], seed = 3 {"}"}
perr-t-empty = t 是空的：x 的每一行给一个标签
perr-t-label = t[{ $i }] 是 { $found }：平铺的列表里 t 放的是类别标签（从 0 起的整数）；one-hot 的行请写成 [[0, 1], [1, 0]]
perr-number-overflow = 这里有个数{ $why }：请给出有限的数
perr-toml-unknown-field = 没有字段 `{ $field }`（预设的字段是 title、description、x、t、dout 和 [[layers]]；层的字段是 type、name 和该层自己的字段）
perr-toml-unknown-field-graph = 没有字段 `{ $field }`（计算图预设的字段是 title、description、[inputs]、t、dout 和 [[nodes]]；节点的字段是 name、type、inputs 和层的参数）
perr-toml-missing-field = 缺少字段 `{ $field }`
perr-toml-invalid-type = 这里应该是{ $expected }，实际是{ $found }
perr-toml-duplicate-key = 这个键写了两次：只保留一个
perr-toml-unquoted = 文字值必须放在引号里，例如 type = "relu"
perr-toml-no-assignment = 键后面需要 = 和值，例如 lr = 0.1
perr-toml-no-value = = 后面缺少值
perr-toml-no-comma = 列表的值之间缺少逗号，例如 [1.0, 2.0]
perr-toml-no-comma-table = 内联表的键之间缺少逗号，例如 {"{"} fill = 0.0, shape = [3] {"}"}
perr-toml-unclosed-array = 列表没有结束：请用 ] 结尾
perr-toml-unclosed-inline-table = 内联表没有结束：请用 {"}"} 结尾
perr-toml-unclosed-table = 表头没有结束：请写成 [train] 或 [[layers]]
perr-toml-invalid-key = 不是合法的键：键由字母、数字、_ 和 - 组成，例如 test_fraction
perr-toml-extra-comma = 逗号后面没有值：请删掉它
perr-toml-syntax = 这里不是合法的 TOML（TOML 解析器的原话：{ $detail }）
perr-node-n = 第 { $n } 个节点
perr-node-no-name = 第 { $n } 个节点没有名字：请给每个节点写上 name = "…"
perr-node-which = 第 { $n } 个节点（{ $name }）
perr-node-two-inputs = { $kind } 节点的两个值都来自 inputs，不能写 `{ $key }`
perr-node-no-inputs = 它没有输入：请写上 inputs = ["…"]，即它读取的名字
perr-node-inputs-list = inputs 必须是名字的列表，例如 inputs = ["apple", "apple_num"]
perr-node-inputs-names = inputs 里有 { $found }，但它列出的应是输入或前面节点的名字（字符串）
perr-no-x = 这个预设没有 x：请给出输入的批数据
perr-not-utf8 = { $path }：无法读取预设文件：它不是 UTF-8 文本（第 { $offset } 个字节无效）
perr-no-train-section = { $preset } 没有 [train] 部分：请选一个训练用的预设（train-spiral、train-xor、train-digits、train-mnist）或者加上 [train]
perr-no-builtin = 没有叫 "{ $name }" 的内置预设：内置预设有 { $names }
perr-no-preset = 没有叫 "{ $name }" 的预设：内置预设有 { $names }；也可以给出 .toml 文件的路径
perr-data-preset-needs-t = data = "preset" 用 x 和 t 训练：请让最后一层是 softmax_with_loss，并给出 t
perr-data-own-rows = [train] data = "{ $data }" 自带数据行，所以 x 和 t 会被忽略：请删掉它们，或者设 data = "preset" 用它们训练
format-count-cell = { $n } 个元素
format-count-input-cell = { $n } 个输入元素
format-count-target-cell = { $n } 个监督数据元素
format-count-value = { $n } 个值
format-count-step = { $n } 个步骤
format-count-layer = { $n } 层
format-count-row = { $n } 行
format-count-column = { $n } 列
format-not-a-number = "{ $typed }" 不是数
format-not-finite = { $typed } 不是有限的数
format-is = { $typed } { $why }
cli-error = backstep：错误：{ $message }
cli-err-prefix = 错误：{ $message }
cli-err-more = 更多信息请用 '--help'。
cli-err-unknown-arg = 不认识的参数 '{ $arg }'
cli-err-unknown-command = 不认识的子命令 '{ $name }'
cli-err-value-required = '{ $arg }' 需要一个值，但没有给出
cli-err-invalid-value = '{ $arg }' 的值 '{ $value }' 无效
cli-err-invalid-value-why = '{ $arg }' 的值 '{ $value }' 无效：{ $why }
cli-err-too-many-values = '{ $arg }' 多了一个值 '{ $value }'；它不需要更多的值
cli-err-conflict = 参数 '{ $arg }' 不能和 '{ $other }' 一起用
cli-err-twice = 参数 '{ $arg }' 不能用两次
cli-err-missing-arg = 缺少必需的参数：{ $arg }
cli-err-no-equals = 给 '{ $arg }' 赋值时需要等号
cli-err-usage = backstep 看不懂这条命令行
cli-err-possible-values = [可用的值：{ $values }]
cli-err-similar = 提示：有一个相似的：'{ $similar }'
cli-err-whole = 不是从 0 起的整数
cli-err-whole-too-large = 对整数来说太大了
cli-err-threads = 请给出 1 到 1024 的整数，即使用的核心数
perr-what-affine-w = W（D×H 的矩阵）
perr-what-affine-b = b（H 个值）
perr-what-mul-w = w（与 x 同形状或 1×1）
perr-what-add-b = b（与 x 同形状或 1×1）
perr-what-conv-w = W（FN×C×FH×FW）
perr-what-conv-b = b（FN 个值）
perr-what-pool-h = pool_h（窗口的高）
perr-what-pool-w = pool_w（窗口的宽）
perr-what-gamma = gamma（每列一个值）
perr-what-beta = beta（每列一个值）

## area: hist
hist-about = 把 1,000 个输入送入网络，把每个隐藏层激活函数的输出计入 [0, 1] 上的 30 个区间（书中第 6.2.2 节）
hist-arg-format = 输出格式：text 或 json，不打开界面直接运行。不给时：stdout 是终端则打开直方图界面，否则输出 text
hist-no-activation = 这个网络没有可以统计输出的激活函数层（relu、sigmoid 或 tanh）：请用 init-sigmoid、init-tanh、init-relu 或带隐藏层的网络
hist-not-finite = { $layer } 输出了一个非有限的数（权重对 f64 来说太大）：试试更小的 --init，比如 std:0.01
hist-graph = { $preset } 是由节点组成的图，不是层的链：直方图需要层，比如 init-sigmoid
hist-init-flag = 权重 W 按 --init { $init } 生成
hist-init-preset = 权重 W 按预设生成
hist-header = { $samples } 个输入 · { $layers } 个激活函数层 · { $init } · [{ $lo }, { $hi }] 上 { $bins } 个区间，同 plt.hist(a.flatten(), 30, range=(0,1))
hist-col-bin = 区间
hist-below = 小于 { $edge }
hist-above = 大于 { $edge }
presets-title-init-sigmoid = 激活值直方图：Sigmoid，权重标准差 1
presets-title-init-tanh = 激活值直方图：tanh，权重标准差 1
presets-title-init-relu = 激活值直方图：ReLU，权重标准差 1
presets-description-init-sigmoid = weight_init_activation_histogram.py：1,000 个服从 N(0, 1) 的输入，各 100 个特征，五个隐藏层各 100 个节点，激活函数 Sigmoid，W = np.random.randn(100, 100) * 1，没有偏置（图 6-10；--init std:0.01 得到图 6-11，--init xavier 得到图 6-12）
presets-description-init-tanh = weight_init_activation_histogram.py：1,000 个服从 N(0, 1) 的输入，各 100 个特征，五个隐藏层各 100 个节点，激活函数 tanh，W = np.random.randn(100, 100) * 1，没有偏置（--init xavier 得到图 6-13）
presets-description-init-relu = weight_init_activation_histogram.py：1,000 个服从 N(0, 1) 的输入，各 100 个特征，五个隐藏层各 100 个节点，激活函数 ReLU，W = np.random.randn(100, 100) * 1，没有偏置（--init std:0.01、xavier 和 he 得到图 6-14）
presets-summary-init-sigmoid = 实验（图 6-10 到 6-12）：权重初始值改变时，Sigmoid 的输出在五层中如何分布；用 backstep histogram
presets-summary-init-tanh = 实验（图 6-13）：tanh 在五层中的输出，权重标准差 1 或 --init xavier；用 backstep histogram
presets-summary-init-relu = 实验（图 6-14）：ReLU 在五层中的输出，标准差 0.01、Xavier 或 He；用 backstep histogram
hist-screen-header = { $samples } 个输入 · { $init } · 同一刻度：最长的横条 { $most } 个值
hist-screen-more = { $about } · 还有 { $hidden } 层放不下：加宽终端或用 --format text
hist-no-reload = { $key } 只能重新生成没有 [train] 的预设（内置或文件）；这个预设请在命令行用 --init
keys-histogram-next-init = 用下一种权重初始值重新生成每个 W 并重新统计：预设自己的 → 标准差 0.01 → Xavier → He
keys-short-init = 初始值
keys-context-histogram = 在直方图界面
keys-histogram-back = 离开直方图界面
keys-short-leave = 离开

## area: cmpui
cmpui-no-runs = 没有可比较的运行：用 --vary KEY=V1,V2,… 给出取值
cmpui-worker-stopped = { $runs } 个运行的训练线程已停止；按 r 重新开始
cmpui-opening = 正在步骤界面中打开 { $value } 的第 { $iteration } 次迭代…
cmpui-nothing-to-close = 没有可关闭的 · 按 { $quit } 退出
cmpui-state-running = ▶ 运行中
cmpui-state-paused = ‖ 已暂停
cmpui-state-finished = ✓ 已完成
cmpui-state-failed = ✗ 失败
cmpui-full-speed = 全速
cmpui-speed = 每秒最多 { $speed } 次迭代
cmpui-status = { $state } · { $key }：{ $runs } 个运行 · 迭代 { $done }/{ $iters }（最慢的运行） · { $speed }
cmpui-about = 数据 { $data }：训练 { $train } 行，测试 { $test } 行 · 随机种子 { $seed } · { $preset } — { $title }
cmpui-loss-title = 每次迭代的损失（每列取平均）
cmpui-no-iterations = 还没有迭代
cmpui-test-acc-title = 每个 epoch 的测试识别精度
cmpui-train-acc-title = 每个 epoch 的训练识别精度
cmpui-no-epochs = 还没有 epoch 结束
cmpui-axis-iteration = 迭代
cmpui-legend-title = 运行：{ $key }
cmpui-hidden = （已隐藏）
cmpui-run-detail = { $state } · { $iteration }/{ $iters } · { $optimizer } 学习率 { $lr }
cmpui-legend-columns = 每个运行：损失 · 识别精度
keys-context-compare = 在比较界面
keys-compare-run-pause = 开始或暂停所有运行
keys-compare-one-iteration = 每个运行各运行一次迭代（先暂停）
keys-compare-slower = 变慢：全速 → 每秒 1000 → 100 → 10 → 1 次迭代，所有运行
keys-compare-faster = 变快：每秒 1 → 10 → 100 → 1000 次迭代 → 全速，所有运行
keys-compare-up = 选上一个运行（图例中的 ▸）
keys-compare-down = 选下一个运行
keys-compare-toggle-run = 隐藏或显示所选运行的曲线
keys-compare-restart = 所有运行从第 0 次迭代重新开始：用初始权重和下一个随机种子（暂停）
keys-compare-confirm = 在步骤界面中打开所选运行即将运行的迭代：它的 mini-batch 和当前权重，正向传播、反向传播和更新（所有运行暂停；Esc 回到这里）
keys-compare-back = 这里没有可关闭的；按 q 退出
keys-short-pick = 选择
keys-short-hide = 显示/隐藏

## area: search
search-about = 以对数均匀分布抽取学习率和权值衰减，每组在 80 % 的训练数据上训练一次试验，并按验证数据的识别精度排名（书中第 6.5 节）
search-arg-format = 输出格式：text 或 json，在无界面模式下运行。不指定时：stdout 是终端则打开搜索界面，否则输出 text
search-arg-trials = 试验次数（书中为 100），最多 10000
search-arg-epochs = 每次试验训练的 epoch 数（书中为 50）
search-arg-lr = 按对数均匀分布抽取学习率的范围，写作 LO,HI（默认：书中的 1e-6,1e-2）
search-arg-weight-decay = 按对数均匀分布抽取权值衰减 λ 的范围，写作 LO,HI（默认：书中的 1e-8,1e-4）
search-arg-seed = 数据、划分、验证数据、抽取和 mini-batch 顺序的随机种子
search-too-many-trials = 最多进行 { $max } 次试验
search-too-many-epochs = 这里每个 epoch 有 { $per_epoch } 次迭代，而一次试验最多训练 { $max } 次迭代：请最多指定 { $most } 个 epoch
srchui-cancelling = 正在取消：运行中的试验在下一次迭代时停止；已结束的试验保留在列表中
srchui-nothing-to-cancel = 搜索没有在运行：没有可取消的 · 按 { $quit } 退出
srchui-status-running = ▶ 搜索中 · { $done }/{ $trials } 次试验已结束 · 全部试验的 epoch { $epochs_done }/{ $epochs }（{ $percent } %）
srchui-status-cancelling = … 正在取消 · { $done }/{ $trials } 次试验已结束
srchui-status-finished = ✓ 已完成 · { $trials } 次试验，每次 { $epochs } 个 epoch，按最终的验证识别精度排名
srchui-status-cancelled = ✗ 已取消 · { $trials } 次试验中 { $done } 次已结束；其余的没有训练完
srchui-status-chance = ✓ 已完成 · 没有试验比随便猜更好：试试 --lr { $lo },{ $hi }（预设的学习率是 { $lr }）
srchui-status-failed = ✗ 失败：{ $error }
srchui-about = { $preset } — { $title } · { $data }：训练 { $train } 行，验证 { $validation } 行 · 随机种子 { $seed }
srchui-ranges = 学习率 { $lr_lo }…{ $lr_hi }、权值衰减 { $wd_lo }…{ $wd_hi } 按对数均匀分布抽取 · 每次试验 { $epochs } 个 epoch
srchui-list-title = 试验，从好到差
srchui-col-rank = Best
srchui-col-val-acc = 验证精度
srchui-col-lr = 学习率
srchui-col-weight-decay = 权值衰减
srchui-no-trials = 还没有试验结束
srchui-chart-title = 验证识别精度，最好的 { $best } 次
srchui-chart-title-empty = 验证识别精度
srchui-no-curves = 试验结束后曲线会出现在这里
srchui-axis-epoch = epoch
srchui-detail = ▸ Best-{ $rank }（试验 { $trial }）· 学习率 { $lr } · 权值衰减 { $decay } · { $glyph } 验证精度 · { $dots } 训练精度
keys-context-search = 在搜索界面
keys-search-up = 选上一个试验（列表中的 ▸）
keys-search-down = 选下一个试验
keys-search-page-up = 向上选十个试验
keys-search-page-down = 向下选十个试验
keys-search-first = 选最好的试验
keys-search-last = 选最差的试验
keys-search-back = 取消运行中的搜索：已结束的试验保留在列表中

## area: convtrain
keys-train-conv-view = 第一层是卷积时：图表 → 学习前后的滤波器（书中图 7-24）→ 所选测试图像经过卷积和池化后的特征图 → 图表
keys-train-next-image = 第一层是卷积时：下一张测试图像的特征图
keys-train-prev-image = 第一层是卷积时：上一张测试图像的特征图
convtrain-no-conv = { $key }/Tab：第一层不是卷积层，没有滤波器和特征图
convtrain-now-title = 现在的 { $filters }
convtrain-now-hint = { $key } 更多
convtrain-filters = { $layer }：{ $n } 个滤波器 { $shape }
convtrain-filters-part = { $layer }：{ $n } 个滤波器中的 { $shown } 个 { $shape }
convtrain-filters-title = 第一层学习前后的滤波器（图 7-24）· { $key } 特征图
convtrain-filters-legend = 每个滤波器按自己的范围缩放：最小  ░▒▓█ 最大
convtrain-before = 学习前
convtrain-after = { $n } 次迭代之后
convtrain-maps-title = 测试图像 { $image }/{ $n }（{ $label }）的特征图 · { $next } 下一张 · { $key } 图表
convtrain-maps = { $layer }：{ $n } 个特征图 { $shape }
convtrain-maps-part = { $layer }：{ $n } 个特征图中的 { $shown } 个 { $shape }
convtrain-reduced = { $shape }，每格 { $k }×{ $k }
convtrain-after-conv = 卷积之后
convtrain-after-pool = 池化之后
convtrain-input = 输入
convtrain-maps-waiting = 正在计算特征图…
