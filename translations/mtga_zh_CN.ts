<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../worker/cli/commandline.cpp" line="+27"/>
        <source>Usage: mtga &lt;command&gt; [options]

Commands:
</source>
        <translation>用法：mtga &lt;命令&gt; [选项]

命令：
</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>
`mtga &lt;command&gt; --help` describes a command&apos;s options.</source>
        <translation>
`mtga &lt;命令&gt; --help` 可查看该命令的选项。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>mtga: unknown command &quot;%1&quot;</source>
        <translation>mtga：未知命令“%1”</translation>
    </message>
</context>
<context>
    <name>DemoCommand</name>
    <message>
        <location filename="../worker/cli/democommand.cpp" line="+23"/>
        <source>Run the embedded Kafka with sample traffic (the quick start)</source>
        <translation>运行内嵌 Kafka 并产生示例流量（快速上手）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Starts the embedded Kafka with topic mulog_clean_24 (6 partitions) and produces sample game-log events into it until Ctrl-C.</source>
        <translation>启动内嵌 Kafka（主题 mulog_clean_24，6 个分区），并持续写入示例游戏日志事件，直到按下 Ctrl-C。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Events per second (default 1000).</source>
        <translation>每秒事件数（默认 1000）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Seed of the sample events (default 1).</source>
        <translation>示例事件的随机种子（默认 1）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop by itself after this many seconds (default: run until Ctrl-C).</source>
        <translation>运行指定秒数后自动停止（默认：一直运行到按下 Ctrl-C）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SECONDS</source>
        <translation>秒数</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>mtga demo: embedded Kafka with sample traffic</source>
        <translation>mtga 演示：内嵌 Kafka 与示例流量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Topic mulog_clean_24, 6 partitions, %1 events/s, seed %2.</source>
        <translation>主题 mulog_clean_24，6 个分区，每秒 %1 个事件，种子 %2。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>See the events with kcat:  kcat -C -b %1 -t mulog_clean_24 -o end</source>
        <translation>用 kcat 查看事件：  kcat -C -b %1 -t mulog_clean_24 -o end</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note: the embedded Kafka keeps at most 5 MiB per partition; older events are dropped and Low moves up.</source>
        <translation>注意：内嵌 Kafka 每个分区最多保留 5 MiB 数据；更早的事件会被丢弃，Low 随之上移。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The Kafka-to-TA pipeline is not built yet: this demo produces the traffic it will consume, nothing more.</source>
        <translation>Kafka 到 TA 的处理流水线尚未完成：本演示只产生它将来要消费的流量。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Press Ctrl-C to stop.</source>
        <translation>按 Ctrl-C 停止。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Demo stopped: %1 events produced, %2 acknowledged by Kafka.</source>
        <translation>演示已停止：共产生 %1 个事件，Kafka 已确认 %2 个。</translation>
    </message>
</context>
<context>
    <name>DevKafkaCommand</name>
    <message>
        <location filename="../worker/cli/devkafkacommand.cpp" line="+31"/>
        <source>dev-kafka: no broker %1 (brokers are 1 to %2)</source>
        <translation>dev-kafka：没有 broker %1（broker 编号为 1 到 %2）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>dev-kafka: unknown command &quot;%1&quot;; use: down N | up N | topic NAME:PARTITIONS</source>
        <translation>dev-kafka：未知命令“%1”；可用：down N | up N | topic 名称:分区数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dev-kafka: %1</source>
        <translation>dev-kafka：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ok %1</source>
        <translation>ok %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Run the embedded Kafka cluster on loopback until Ctrl-C</source>
        <translation>在本机回环地址上运行内嵌 Kafka 集群，直到按下 Ctrl-C</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Runs librdkafka&apos;s mock cluster (the real Kafka protocol on loopback) and prints its bootstrap address on the first line as bootstrap.servers=ADDRESS.
While it runs, lines on standard input inject faults: &quot;down N&quot; and &quot;up N&quot; stop and start broker N, &quot;topic NAME:PARTITIONS&quot; creates a topic.
Limits: at most 5 MiB of compressed data per partition (older data is dropped and Low moves up); a new consumer group&apos;s first join takes about 3 s.</source>
        <translation>运行 librdkafka 的模拟集群（在回环地址上使用真实的 Kafka 协议），并在第一行以 bootstrap.servers=地址 的形式打印其引导地址。
运行期间，可在标准输入中输入命令注入故障：“down N”和“up N”停止和启动第 N 个 broker，“topic 名称:分区数”创建主题。
限制：每个分区最多保留 5 MiB 压缩数据（更早的数据会被丢弃，Low 随之上移）；新消费组首次加入约需 3 秒。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Number of brokers (default 3).</source>
        <translation>broker 数量（默认 3）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create a topic; repeatable (default mulog_clean_24:6).</source>
        <translation>创建主题；可重复指定（默认 mulog_clean_24:6）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NAME:PARTITIONS</source>
        <translation>名称:分区数</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>topic %1 with %2 partition(s)</source>
        <translation>主题 %1，%2 个分区</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Serving until Ctrl-C (SIGINT) or SIGTERM.</source>
        <translation>服务中，按 Ctrl-C（SIGINT）或发送 SIGTERM 停止。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>dev-kafka stopped.</source>
        <translation>dev-kafka 已停止。</translation>
    </message>
</context>
<context>
    <name>EmbeddedKafka</name>
    <message>
        <location filename="../worker/source/embeddedkafka.cpp" line="+31"/>
        <source>Invalid topic &quot;%1&quot;: expected NAME:PARTITIONS, e.g. mulog_clean_24:6 (1 to 10000 partitions)</source>
        <translation>无效的主题“%1”：应为 名称:分区数，例如 mulog_clean_24:6（1 到 10000 个分区）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The embedded Kafka takes 1 to 16 brokers, not %1</source>
        <translation>内嵌 Kafka 支持 1 到 16 个 broker，而不是 %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot start the embedded Kafka cluster</source>
        <translation>无法启动内嵌 Kafka 集群</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cannot create topic %1: %2</source>
        <translation>无法创建主题 %1：%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot stop broker %1: %2</source>
        <translation>无法停止 broker %1：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot start broker %1: %2</source>
        <translation>无法启动 broker %1：%2</translation>
    </message>
</context>
<context>
    <name>GenerateCommand</name>
    <message>
        <location filename="../worker/cli/generatecommand.cpp" line="+23"/>
        <source>--apps takes app ids separated by commas, e.g. 24,25; &quot;%1&quot; is not one</source>
        <translation>--apps 接受以逗号分隔的应用 ID，例如 24,25；“%1”不是有效的 ID</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--apps needs at least one app id</source>
        <translation>--apps 至少需要一个应用 ID</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Produce sample game-log events (snappy) into a Kafka topic</source>
        <translation>向 Kafka 主题写入示例游戏日志事件（snappy 压缩）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Produces events shaped like the original service&apos;s input, event i to partition i % partitions, compressed with snappy. The same seed gives the same events.</source>
        <translation>产生与原服务输入格式相同的事件，第 i 个事件写入分区 i % 分区数，使用 snappy 压缩。相同的种子产生相同的事件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kafka bootstrap servers (required).</source>
        <translation>Kafka 引导服务器（必填）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HOST:PORT,...</source>
        <translation>主机:端口,...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Topic (default mulog_clean_24).</source>
        <translation>主题（默认 mulog_clean_24）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Number of events; 0 runs until Ctrl-C (default 10000).</source>
        <translation>事件数量；0 表示一直运行到按下 Ctrl-C（默认 10000）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <location line="+2"/>
        <location line="+4"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Events per second; 0 is as fast as possible (default 0).</source>
        <translation>每秒事件数；0 表示尽可能快（默认 0）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed (default 1).</source>
        <translation>随机种子（默认 1）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Index of the first event, to continue an earlier run (default 0).</source>
        <translation>第一个事件的序号，用于接续之前的运行（默认 0）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>App ids to spread events over (default 24).</source>
        <translation>事件分布的应用 ID（默认 24）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID,...</source>
        <translation>ID,...</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: --brokers is required</source>
        <translation>%1：必须指定 --brokers</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: an endless run (--count 0) needs a --rate</source>
        <translation>%1：无限运行（--count 0）需要指定 --rate</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>produced %1, acknowledged %2, failed %3</source>
        <translation>已产生 %1，已确认 %2，失败 %3</translation>
    </message>
</context>
<context>
    <name>Kafka</name>
    <message>
        <location filename="../worker/source/kafkaclient.cpp" line="+36"/>
        <source>Kafka property %1=%2: %3</source>
        <translation>Kafka 属性 %1=%2：%3</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot create the Kafka client: %1</source>
        <translation>无法创建 Kafka 客户端：%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot read metadata of topic %1: %2</source>
        <translation>无法读取主题 %1 的元数据：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Topic %1 is not available: %2</source>
        <translation>主题 %1 不可用：%2</translation>
    </message>
</context>
<context>
    <name>Options</name>
    <message>
        <location filename="../worker/cli/options.cpp" line="+16"/>
        <source>Show this help.</source>
        <translation>显示本帮助。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try `%1 --help`.</source>
        <translation>请尝试 `%1 --help`。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: %1</source>
        <translation>用法：%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--%1 must be a whole number from %2 to %3, not &quot;%4&quot;</source>
        <translation>--%1 必须是 %2 到 %3 之间的整数，而不是“%4”</translation>
    </message>
</context>
<context>
    <name>mtga::TrafficProducer</name>
    <message>
        <location filename="../worker/demo/trafficproducer.cpp" line="+97"/>
        <source>Cannot produce to %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 event(s) not acknowledged by Kafka after %2 ms</source>
        <translation>%2 毫秒后仍有 %1 个事件未被 Kafka 确认</translation>
    </message>
</context>
<context>
    <name>mtga::cli::TrafficProgress</name>
    <message>
        <location filename="../worker/cli/trafficprogress.cpp" line="+29"/>
        <source>[%1] produced %2 (%3/s), acknowledged by Kafka %4, failed %5</source>
        <translation>[%1] 已产生 %2（%3/秒），Kafka 已确认 %4，失败 %5</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> (last error: %1)</source>
        <translation>（最近的错误：%1）</translation>
    </message>
</context>
<context>
    <name>mtga::gui::MainWindow</name>
    <message>
        <location filename="../gui/mainwindow.cpp" line="+9"/>
        <source>mtga console</source>
        <translation>mtga 控制台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No worker connected.</source>
        <translation>未连接任何工作进程。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
</context>
</TS>
