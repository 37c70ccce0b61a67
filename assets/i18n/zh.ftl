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

## area: narr

## area: explorer

## area: report

## area: ch6a

## area: ch6b

## area: conv

## area: convui
