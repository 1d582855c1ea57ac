<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AlertFormats</name>
    <message>
        <location filename="../worker/alerts/alertformats.cpp" line="+38"/>
        <source>FIRING</source>
        <translation>告警</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>RESOLVED</source>
        <translation>已恢复</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>and %n more</source>
        <translation>
            <numerusform>另有 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>partitions: %1</source>
        <translation>分区：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lag: %1 message(s), %2 s</source>
        <translation>积压：%1 条消息，%2 秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lag: %1 message(s)</source>
        <translation>积压：%1 条消息</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>next: %1</source>
        <translation>下一步：%1</translation>
    </message>
</context>
<context>
    <name>AlertsCommand</name>
    <message>
        <location filename="../worker/cli/alertscommand.cpp" line="+13"/>
        <source>Show a running worker&apos;s alert history, or send a test alert to every webhook</source>
        <translation>显示运行中的 worker 的告警历史，或向每个 webhook 发送一条测试告警</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no alerts</source>
        <translation>没有告警</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>no webhooks are configured (alerts.webhooks): nothing was sent</source>
        <translation>未配置 webhook（alerts.webhooks）：什么也没有发送</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Without an action: the alerts of the worker listening on the control socket, newest first (its store keeps the last 10,000), up to --limit. `test`: the worker sends a test alert to each of its webhooks (alerts.webhooks) at once, without retries, and this prints how each answered (it waits up to 6 minutes unless --timeout); exit 1 when one failed or none is configured. Exit status: 0 done, 1 an error, 2 bad options, 3 no worker, 4 no answer in time. test needs admin rights.</source>
        <translation>不带动作：列出在控制 socket 上监听的 worker 的告警，最新的在前（其存储保留最近 10,000 条），最多 --limit 条。`test`：worker 立即向每个 webhook（alerts.webhooks）发送一条测试告警，不重试，并打印每个接收方的应答（除非指定 --timeout，最多等待 6 分钟）；有一个失败或未配置任何 webhook 时退出码为 1。退出码：0 完成，1 出错，2 选项错误，3 没有 worker，4 超时无应答。test 需要管理员权限。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>test, or nothing for the history.</source>
        <translation>test，或不写以查看历史。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print at most N alerts (default 50).</source>
        <translation>最多打印 N 条告警（默认 50）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>unknown action &quot;%1&quot; (test, or nothing)</source>
        <translation>未知动作“%1”（test，或不写）</translation>
    </message>
</context>
<context>
    <name>ClearFailureQueueCommand</name>
    <message>
        <location filename="../worker/cli/clearfailurequeuecommand.cpp" line="+30"/>
        <source>Remove entries from a running worker&apos;s failure queue (all, or by filters)</source>
        <translation>从运行中的 worker 的失败队列中删除条目（全部删除，或按筛选条件删除）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Removes entries from the failure queue of the worker listening on the control socket: every entry with --all, or those the filters match. It first shows how many that is and asks to go on; without a terminal it needs --yes. Needs a uid or gid of control.admin_uids / admin_gids. Exit status 0 when done, declined or when nothing matches, 1 when the worker refused or replied an error, 2 for bad options or when it would have to ask and cannot, 3 when no worker listens, 4 when it did not answer in time.</source>
        <translation>从在控制套接字上监听的 worker 的失败队列中删除条目：指定 --all 时删除全部条目，否则删除与筛选条件匹配的条目。删除前会先显示将删除的条目数并询问是否继续；没有终端时需要指定 --yes。需要 uid 或 gid 属于 control.admin_uids / admin_gids。退出状态：完成、用户拒绝或没有匹配的条目时为 0；worker 拒绝执行或返回错误时为 1；选项有误或需要询问却无法询问时为 2；没有 worker 监听时为 3；worker 未及时回应时为 4。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Print the worker&apos;s answer (removed, before, after) as one JSON line.</source>
        <translation>把 worker 的回复（removed、before、after）输出为一行 JSON。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove every entry.</source>
        <translation>删除全部条目。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Do not ask: remove at once (for scripts).</source>
        <translation>不询问，直接删除（供脚本使用）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: --all clears everything: give it without filters</source>
        <translation>%1：--all 会清空全部条目：请不要同时指定筛选条件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: give --all, or filters (--reason, --stage, --topic, --since, --until)</source>
        <translation>%1：请指定 --all，或指定筛选条件（--reason、--stage、--topic、--since、--until）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: no entry matches (the queue holds %2): nothing to remove</source>
        <translation>%1：没有匹配的条目（队列中共有 %2 个条目）：无可删除</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+27"/>
        <source>removed %1 (%2 left)</source>
        <translation>已删除 %1 个（剩余 %2 个）</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>%1: this removes all %2 entries of the failure queue</source>
        <translation>%1：这将删除失败队列中的全部 %2 个条目</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: this removes %2 of the %3 entries of the failure queue</source>
        <translation>%1：这将删除失败队列 %3 个条目中的 %2 个</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: standard input is not a terminal, so it cannot ask: give --yes to remove them; nothing was removed</source>
        <translation>%1：标准输入不是终端，无法询问：请指定 --yes 以删除这些条目；未删除任何条目</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove them? [y/N] </source>
        <translation>删除这些条目吗？[y/N] </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: nothing was removed</source>
        <translation>%1：未删除任何条目</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../worker/cli/commandline.cpp" line="+64"/>
        <source>Usage: mtga &lt;command&gt; [options]

Commands:
</source>
        <translation>用法：mtga &lt;命令&gt; [选项]

命令：
</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>
`mtga &lt;command&gt; --help` describes a command&apos;s options.</source>
        <translation>
`mtga &lt;命令&gt; --help` 可查看该命令的选项。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>mtga: unknown command &quot;%1&quot;</source>
        <translation>mtga：未知命令“%1”</translation>
    </message>
</context>
<context>
    <name>CommandTable</name>
    <message>
        <location filename="../shared/commands.cpp" line="+78"/>
        <source>&quot;%1&quot; takes no arguments, not &quot;%2&quot;</source>
        <translation>“%1”不接受参数，而收到了“%2”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;%1&quot; takes no argument &quot;%2&quot;; it takes: %3</source>
        <translation>“%1”没有参数“%2”；它接受的参数：%3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the argument &quot;%1&quot; of &quot;%2&quot; must be of type %3, not %4</source>
        <translation>“%2”的参数“%1”必须是 %3 类型，而不是 %4</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;%1&quot; needs the argument &quot;%2&quot; (%3)</source>
        <translation>“%1”需要参数“%2”（%3）</translation>
    </message>
</context>
<context>
    <name>ConfigCommand</name>
    <message>
        <location filename="../worker/cli/configcommand.cpp" line="+10"/>
        <source>Check a configuration file and print the effective configuration</source>
        <translation>检查配置文件并输出生效的配置</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>`mtga config check [-c FILE]` validates FILE (default config/mtga.yml) with its mtga.local.yml overlay and MTGA_* environment overrides, and prints the effective configuration. Exit status 2 and every error with file:line:column when it is invalid.</source>
        <translation>`mtga config check [-c 文件]` 校验该文件（默认 config/mtga.yml），连同其 mtga.local.yml 覆盖文件和 MTGA_* 环境变量覆盖项，并输出生效的配置。配置无效时以退出状态 2 退出，并列出每个错误及其位置（文件:行:列）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The action (only check).</source>
        <translation>要执行的操作（仅支持 check）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: expected `check`</source>
        <translation>%1：应为 `check`</translation>
    </message>
    <message>
        <location line="+8"/>
        <source># %1 is valid; read: %2</source>
        <translation># %1 有效；已读取：%2</translation>
    </message>
</context>
<context>
    <name>ControlClient</name>
    <message>
        <location filename="../shared/controlerrors.cpp" line="+36"/>
        <source>the worker did not answer &quot;%1&quot; within %2 s (socket %3)</source>
        <translation>worker 未在 %2 秒内回应“%1”（套接字 %3）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the worker on %1 closed the connection without answering &quot;%2&quot;</source>
        <translation>%1 上的 worker 未回应“%2”就关闭了连接</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the request &quot;%1&quot; is longer than the protocol&apos;s %2 bytes</source>
        <translation>请求“%1”超过了协议规定的 %2 字节</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the worker on %1 answered &quot;%2&quot; with a result this mtga cannot read: %3</source>
        <translation>%1 上的 worker 对“%2”返回了本 mtga 无法读取的结果：%3</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>no worker is listening on %1 (is mtga running?)</source>
        <translation>没有 worker 在 %1 上监听（mtga 是否在运行？）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>permission denied on %1: the control socket is open only to the worker&apos;s user and group</source>
        <translation>无权访问 %1：控制套接字只对 worker 的用户和用户组开放</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>cannot connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>the worker on %1 sent a malformed reply: %2</source>
        <translation>%1 上的 worker 发回了格式错误的回复：%2</translation>
    </message>
    <message>
        <location filename="../shared/controlclient.cpp" line="+219"/>
        <source>the worker on %1 answered another request (id %2)</source>
        <translation>%1 上的 worker 回复的是另一个请求（id %2）</translation>
    </message>
    <message>
        <location filename="../shared/controlerrors.cpp" line="+5"/>
        <source>the worker on %1 sent a reply line longer than %2 bytes</source>
        <translation>%1 上的 worker 发回的回复行超过 %2 字节</translation>
    </message>
</context>
<context>
    <name>ControlOptions</name>
    <message>
        <location filename="../worker/cli/controloptions.cpp" line="+27"/>
        <source>Control socket of the worker (default: control.socket of the configuration).</source>
        <translation>worker 的控制套接字（默认：配置中的 control.socket）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PATH</source>
        <translation>路径</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reach the worker on HOST through `ssh -T HOST mtga control-stdio` (the socket given by --socket, else the one of -c FILE, a file on HOST). When ssh fails (host, login, no mtga there) the exit status is 6. $MTGA_SSH replaces the ssh program, $MTGA_SSH_MTGA the remote mtga.</source>
        <translation>通过 `ssh -T HOST mtga control-stdio` 连接 HOST 上的 worker（使用 --socket 指定的套接字，否则使用 -c FILE 中的套接字，FILE 是 HOST 上的文件）。ssh 失败时（主机、登录出错，或那里没有 mtga）退出状态为 6。$MTGA_SSH 可替换 ssh 程序，$MTGA_SSH_MTGA 可替换远程的 mtga。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>[USER@]HOST</source>
        <translation>[用户@]主机</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print the worker&apos;s answer as one JSON line.</source>
        <translation>把 worker 的回复输出为一行 JSON。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seconds to wait for the worker, in all (default 10).</source>
        <translation>等待 worker 的总秒数（默认 10）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SECONDS</source>
        <translation>秒数</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: unexpected argument &quot;%2&quot;</source>
        <translation>%1：意外的参数“%2”</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--ssh needs a host, [USER@]HOST, not &quot;%1&quot;</source>
        <translation>--ssh 需要一个主机（[用户@]主机），而不是“%1”</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: give the worker&apos;s configuration with -c FILE, or its socket with --socket PATH</source>
        <translation>%1：请用 -c FILE 指定 worker 的配置文件，或用 --socket PATH 指定其套接字</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2 [%3]</source>
        <translation>%1：%2 [%3]</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>ControlProtocol</name>
    <message>
        <location filename="../shared/controlprotocol.cpp" line="+58"/>
        <location line="+7"/>
        <source>a request must be a JSON object</source>
        <translation>请求必须是一个 JSON 对象</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>the request is not valid JSON: %1 at byte %2</source>
        <translation>请求不是有效的 JSON：第 %2 字节处%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&quot;id&quot; must be an integer of at most 2^53 in magnitude, not %1</source>
        <translation>“id”必须是绝对值不超过 2^53 的整数，而不是 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;cmd&quot; is missing</source>
        <translation>缺少“cmd”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;cmd&quot; must be a non-empty string, not %1</source>
        <translation>“cmd”必须是非空字符串，而不是 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an empty string</source>
        <translation>空字符串</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;args&quot; must be an object, not %1</source>
        <translation>“args”必须是对象，而不是 %1</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>the reply is not valid JSON: %1 at byte %2</source>
        <translation>回复不是有效的 JSON：第 %2 字节处%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the reply is not a JSON object</source>
        <translation>回复不是 JSON 对象</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the event name must be a non-empty string</source>
        <translation>事件名必须是非空字符串</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the reply&apos;s &quot;id&quot; is not an integer</source>
        <translation>回复中的“id”不是整数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the reply has no boolean &quot;ok&quot;</source>
        <translation>回复中没有布尔值“ok”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the reply has no &quot;result&quot; object</source>
        <translation>回复中没有“result”对象</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the error reply has no &quot;code&quot; and &quot;message&quot; strings</source>
        <translation>错误回复中没有“code”和“message”字符串</translation>
    </message>
</context>
<context>
    <name>ControlReply</name>
    <message>
        <location filename="../worker/control/controlreply.cpp" line="+30"/>
        <source>&quot;%1&quot; ended inside the worker without an answer</source>
        <translation>“%1”在 worker 内部结束，没有给出应答</translation>
    </message>
</context>
<context>
    <name>ControlStdioCommand</name>
    <message>
        <location filename="../worker/cli/controlstdiocommand.cpp" line="+15"/>
        <source>Relay standard input and output to a worker&apos;s control socket (for ssh)</source>
        <translation>在标准输入/输出与 worker 的控制套接字之间转发数据（供 ssh 使用）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connects to the worker&apos;s control socket (--socket PATH, or control.socket of the configuration, -c FILE) and relays standard input to it and its replies to standard output, byte for byte, until either side closes: `ssh host mtga control-stdio` speaks the control protocol (docs/protocol.md) to a remote worker. --timeout bounds connecting, and the wait for the last replies once standard input ends. Exit status: 0 a clean end, 1 an I/O error, 2 bad options, 3 no worker listening, 4 no connection in time.</source>
        <translation>连接到 worker 的控制套接字（--socket PATH，或配置（-c FILE）中的 control.socket），把标准输入逐字节转发给它，并把它的回复逐字节转发到标准输出，直到任一方关闭连接：这样 `ssh host mtga control-stdio` 即可用控制协议（docs/protocol.md）与远程 worker 通信。--timeout 限制建立连接的时间，以及标准输入结束后等待最后回复的时间。退出状态：0 正常结束，1 I/O 错误，2 选项有误，3 没有 worker 监听，4 未能及时连接。</translation>
    </message>
</context>
<context>
    <name>DaemonProcess</name>
    <message>
        <location filename="../worker/cli/daemonprocess.cpp" line="+45"/>
        <source>cannot open the log file %1 for the worker: %2</source>
        <translation>无法为 worker 打开日志文件 %1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot prepare the worker&apos;s process: %1</source>
        <translation>无法准备 worker 进程：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>cannot start the worker&apos;s process: %1</source>
        <translation>无法启动 worker 进程：%1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>cannot run %1: %2</source>
        <translation>无法运行 %1：%2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>was ended by signal %1 (%2)</source>
        <translation>被信号 %1（%2）终止</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>exited with status %1</source>
        <translation>以状态 %1 退出</translation>
    </message>
</context>
<context>
    <name>DemoCommand</name>
    <message>
        <location filename="../worker/cli/democommand.cpp" line="+30"/>
        <source>%1 is not empty and was not made by `mtga demo`; choose another --data folder</source>
        <translation>%1 不是空目录，也不是由 `mtga demo` 创建的；请换一个 --data 目录</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: cannot create the folder</source>
        <translation>%1：无法创建目录</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: cannot write the example settings</source>
        <translation>%1：无法写入示例设置</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Run the embedded Kafka, sample traffic and the real pipeline (the quick start)</source>
        <translation>运行内嵌 Kafka、示例流量和真实的处理流水线（快速上手）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Starts the embedded Kafka with topic mulog_clean_24 (6 partitions), produces sample game-log events into it (some invalid, to show the failure queue) and runs the real pipeline, which writes TA log files under the data folder, until Ctrl-C.</source>
        <translation>启动内嵌 Kafka（主题 mulog_clean_24，6 个分区），持续写入示例游戏日志事件（其中一些是无效的，用于展示失败队列），并运行真实的处理流水线，把 TA 日志文件写到数据目录下，直到按下 Ctrl-C。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Events per second (default 1000).</source>
        <translation>每秒事件数（默认 1000）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seed of the sample events (default 1).</source>
        <translation>示例事件的随机种子（默认 1）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Folder for the TA files, the store and the settings (default data/demo).</source>
        <translation>TA 文件、存储和设置所在的目录（默认 data/demo）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DIR</source>
        <translation>目录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop by itself after this many seconds (default: run until Ctrl-C).</source>
        <translation>运行指定秒数后自动停止（默认：一直运行到按下 Ctrl-C）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SECONDS</source>
        <translation>秒数</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>mtga demo: embedded Kafka, sample traffic and the pipeline</source>
        <translation>mtga 演示：内嵌 Kafka、示例流量与处理流水线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Topic mulog_clean_24, 6 partitions, %1 events/s, seed %2; about 5 in 1000 events are broken on purpose and go to the failure queue.</source>
        <translation>主题 mulog_clean_24，6 个分区，每秒 %1 个事件，种子 %2；约千分之五的事件是故意损坏的，会进入失败队列。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>TA files: %1 (settings: %2)</source>
        <translation>TA 文件：%1（设置：%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Note: the embedded Kafka keeps at most 5 MiB per partition; older events are dropped and Low moves up. A new consumer group&apos;s first join takes about 3 s.</source>
        <translation>注意：内嵌 Kafka 每个分区最多保留 5 MiB 数据；更早的事件会被丢弃，Low 随之上移。新消费组首次加入约需 3 秒。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ask it how it is:  mtga status --socket %1</source>
        <translation>查询它的状态：  mtga status --socket %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No control socket (mtga status will not reach the demo): %1</source>
        <translation>没有控制套接字（mtga status 无法连接到演示）：%1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Demo stopped: %1 events produced, %2 written to TA files, %3 in the failure queue.</source>
        <translation>演示已停止：共产生 %1 个事件，写入 TA 文件 %2 个，失败队列中 %3 个。</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>See the events with kcat:  kcat -C -b %1 -t mulog_clean_24 -o end</source>
        <translation>用 kcat 查看事件：  kcat -C -b %1 -t mulog_clean_24 -o end</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Press Ctrl-C to stop.</source>
        <translation>按 Ctrl-C 停止。</translation>
    </message>
</context>
<context>
    <name>DevKafkaCommand</name>
    <message>
        <location filename="../worker/cli/devkafkacommand.cpp" line="+32"/>
        <source>dev-kafka: no broker %1 (brokers are 1 to %2)</source>
        <translation>dev-kafka：没有 broker %1（broker 编号为 1 到 %2）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>dev-kafka: %1 takes a count from 1 to 10000</source>
        <translation>dev-kafka：%1 需要 1 到 10000 之间的次数</translation>
    </message>
    <message>
        <location line="+34"/>
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
        <location line="-25"/>
        <source>dev-kafka: rtt takes milliseconds from 0 to 60000</source>
        <translation>dev-kafka：rtt 需要 0 到 60000 之间的毫秒数</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>dev-kafka: unknown command &quot;%1&quot;; use: down N | up N | topic NAME:PARTITIONS | fail-commits N | fail-fetches N | rtt MS</source>
        <translation>dev-kafka：未知命令“%1”；可用命令：down N | up N | topic NAME:PARTITIONS | fail-commits N | fail-fetches N | rtt MS</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Runs librdkafka&apos;s mock cluster (the real Kafka protocol on loopback) and prints its bootstrap address on the first line as bootstrap.servers=ADDRESS.
While it runs, lines on standard input inject faults: &quot;down N&quot; and &quot;up N&quot; stop and start broker N, &quot;topic NAME:PARTITIONS&quot; creates a topic, &quot;fail-commits N&quot; makes the next N offset commits fail, &quot;rtt MS&quot; makes every broker answer MS milliseconds late (0 undoes it), &quot;fail-fetches N&quot; answers the next N fetches that the position is out of range.
Limits: at most 5 MiB of compressed data per partition (older data is dropped and Low moves up); a new consumer group&apos;s first join takes about 3 s.</source>
        <translation>运行 librdkafka 的模拟集群（在本机回环地址上使用真实的 Kafka 协议），并在第一行以 bootstrap.servers=ADDRESS 的形式输出其引导地址。
运行期间，可在标准输入中逐行输入命令来注入故障：“down N”和“up N”停止和启动 broker N，“topic NAME:PARTITIONS”创建主题，“fail-commits N”使接下来的 N 次偏移量提交失败，“rtt MS”使每个 broker 延迟 MS 毫秒再应答（0 表示取消延迟），“fail-fetches N”使接下来的 N 次拉取收到位置超出范围的应答。
限制：每个分区最多保留 5 MiB 压缩数据（更早的数据会被丢弃，Low 随之上移）；新消费组首次加入约需 3 秒。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Number of brokers (default 3).</source>
        <translation>broker 数量（默认 3）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location filename="../worker/devtools/embeddedkafka.cpp" line="+31"/>
        <source>Invalid topic &quot;%1&quot;: expected NAME:PARTITIONS, e.g. mulog_clean_24:6 (1 to 10000 partitions)</source>
        <translation>无效的主题“%1”：应为 名称:分区数，例如 mulog_clean_24:6（1 到 10000 个分区）</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location line="+11"/>
        <source>Cannot delay broker %1: %2</source>
        <translation>无法延迟 broker %1：%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot start broker %1: %2</source>
        <translation>无法启动 broker %1：%2</translation>
    </message>
</context>
<context>
    <name>FailureActions</name>
    <message>
        <location filename="../worker/cli/failureactions.cpp" line="+26"/>
        <source>retry: every entry of the queue (or give filters).</source>
        <translation>retry：队列中的全部条目（或指定筛选条件）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>export: the file to write, on the worker&apos;s machine (it must not exist; a relative path is taken from here unless --ssh).</source>
        <translation>export：要写入的文件，位于 worker 所在的机器上（该文件不得已存在；除非指定 --ssh，否则相对路径按本机当前目录解析）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>--all means every entry: give it without filters</source>
        <translation>--all 表示全部条目：指定它时不要再指定筛选条件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>give --all, or filters (--reason, --stage, --topic, --since, --until)</source>
        <translation>请指定 --all，或指定筛选条件（--reason、--stage、--topic、--since、--until）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 matched: %2 written, %3 filtered, %4 still failing</source>
        <translation>匹配 %1 个：%2 个已写入，%3 个已过滤，%4 个仍然失败</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: the output refused lines; their entries stay queued: %2</source>
        <translation>%1：输出拒绝了部分行，对应的条目仍留在队列中：%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>export needs --output FILE</source>
        <translation>export 需要指定 --output FILE</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>written to %1: %2 entries, %3 bytes</source>
        <translation>已写入 %1：%2 个条目，%3 字节</translation>
    </message>
</context>
<context>
    <name>FailureCommands</name>
    <message>
        <location filename="../worker/control/failurecommands.cpp" line="+27"/>
        <location line="+218"/>
        <source>the pipeline has not opened its store yet</source>
        <translation>流水线尚未打开其存储</translation>
    </message>
    <message>
        <location line="-117"/>
        <source>&quot;all&quot; means every entry: give it without filters</source>
        <translation>&quot;all&quot; 表示全部条目：指定它时不要再指定筛选条件</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>limit must be from 1 to %1, not %2</source>
        <translation>limit 必须在 1 到 %1 之间，而不是 %2</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>give &quot;all&quot;: true, or filters (reason, stage, topic, partitions, since_ms, until_ms)</source>
        <translation>请指定 &quot;all&quot;: true，或指定筛选条件（reason、stage、topic、partitions、since_ms、until_ms）</translation>
    </message>
</context>
<context>
    <name>FailureExport</name>
    <message>
        <location filename="../worker/control/failureexport.cpp" line="+25"/>
        <source>path must be an absolute path on the worker&apos;s machine, not &quot;%1&quot;</source>
        <translation>path 必须是 worker 所在机器上的绝对路径，而不是“%1”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 exists already: the export never overwrites a file</source>
        <translation>%1 已存在：导出从不覆盖已有文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: the folder %2 does not exist</source>
        <translation>%1：目录 %2 不存在</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>cannot create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the worker is stopping: the export was given up</source>
        <translation>worker 正在停止：已放弃导出</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+9"/>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>FailureFilterOptions</name>
    <message>
        <location filename="../worker/cli/failurefilteroptions.cpp" line="+45"/>
        <source>Only entries of this reason: %1.</source>
        <translation>仅限该原因的条目：%1。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>REASON</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only entries of this stage: %1.</source>
        <translation>仅限该阶段的条目：%1。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>STAGE</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only entries of this topic, or of these partitions of it (mulog_clean_24:0,1).</source>
        <translation>仅限该主题的条目，或该主题中这些分区的条目（例如 mulog_clean_24:0,1）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TOPIC[:P,P...]</source>
        <translation>主题[:分区,分区...]</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only entries that failed at or after TIME (epoch ms, or a local date-time such as 2026-12-01T08:00:00).</source>
        <translation>仅限在该时间或之后失败的条目（Unix 毫秒时间戳，或本地日期时间，例如 2026-12-01T08:00:00）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>TIME</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Only entries that failed at or before TIME (as --since).</source>
        <translation>仅限在该时间或之前失败的条目（格式同 --since）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--%1 must be epoch milliseconds or a date-time such as 2026-12-01T08:00:00, not &quot;%2&quot;</source>
        <translation>--%1 必须是 Unix 毫秒时间戳或日期时间（例如 2026-12-01T08:00:00），而不是“%2”</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--reason: &quot;%1&quot; is not a failure reason (%2)</source>
        <translation>--reason：“%1”不是有效的失败原因（%2）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--stage: &quot;%1&quot; is not a failure stage (%2)</source>
        <translation>--stage：“%1”不是有效的失败阶段（%2）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--topic: the topic must not be empty</source>
        <translation>--topic：主题不能为空</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--topic: &quot;%1&quot; is not a partition (TOPIC:0,1,2)</source>
        <translation>--topic：“%1”不是有效的分区（主题:0,1,2）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>--until is before --since</source>
        <translation>--until 早于 --since</translation>
    </message>
</context>
<context>
    <name>FailureQuery</name>
    <message>
        <location filename="../shared/values/failurequeue.cpp" line="+81"/>
        <source>&quot;%1&quot; is not a failure reason (see docs/protocol.md)</source>
        <translation>“%1”不是有效的失败原因（参见 docs/protocol.md）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;%1&quot; is not a failure stage (see docs/protocol.md)</source>
        <translation>“%1”不是有效的失败阶段（参见 docs/protocol.md）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the topic must not be empty</source>
        <translation>主题不能为空</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>partitions need a topic</source>
        <translation>指定 partitions 时必须同时指定 topic</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>partitions must be integers from 0, not %1</source>
        <translation>partitions 必须是大于或等于 0 的整数，而不是 %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>until_ms (%1) is before since_ms (%2)</source>
        <translation>until_ms（%1）早于 since_ms（%2）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&quot;%1&quot; is not a cursor of failure_queue_list</source>
        <translation>“%1”不是 failure_queue_list 的有效游标</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1.%2 must be an integer, not %3</source>
        <translation>%1.%2 必须是整数，而不是 %3</translation>
    </message>
</context>
<context>
    <name>FailureQueueCountCommand</name>
    <message>
        <location filename="../worker/cli/failurequeuecountcommand.cpp" line="+16"/>
        <source>Print how many events a running worker holds in its failure queue</source>
        <translation>输出运行中的 worker 的失败队列中的事件数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>total</source>
        <translation>总计</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>matching the filters</source>
        <translation>符合筛选条件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entries</source>
        <translation>条目数</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Asks the worker listening on the control socket how many events its failure queue holds and prints the number (with filters: how many of them match). The socket is --socket PATH, or control.socket of the configuration (-c FILE). Exit status 0 when the worker answered, 1 when it replied an error, 2 for bad options or configuration, 3 when no worker listens, 4 when it did not answer in time.</source>
        <translation>向在控制套接字上监听的 worker 查询其失败队列中的事件数并输出该数字（指定筛选条件时：输出其中匹配的数量）。套接字由 --socket PATH 指定，或取配置（-c FILE）中的 control.socket。退出状态：worker 已回应时为 0；worker 返回错误时为 1；选项或配置有误时为 2；没有 worker 监听时为 3；worker 未及时回应时为 4。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Print the worker&apos;s answer (total, by reason, matching) as one JSON line.</source>
        <translation>把 worker 的回复（总数、按原因分类的计数、匹配数）输出为一行 JSON。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print a table of the counts by reason.</source>
        <translation>以表格输出按原因分类的计数。</translation>
    </message>
</context>
<context>
    <name>FailuresCommand</name>
    <message>
        <location filename="../worker/cli/failurescommand.cpp" line="+23"/>
        <source>List, retry or export the entries of a running worker&apos;s failure queue</source>
        <translation>列出、重试或导出运行中的 worker 失败队列中的条目</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>first time</source>
        <translation>首次失败时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>offset</source>
        <translation>偏移量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>message</source>
        <translation>错误信息</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>`list` prints the entries of the failure queue of the worker listening on the control socket, oldest key first (topic, partition, offset), those the filters match, up to --limit: a table whose messages are cut to the terminal&apos;s width ($COLUMNS, or 120, when not a terminal), or with --json each entry as one JSON line (with its payload). `retry` tries the entries the filters match (or --all) again now with the worker&apos;s current settings: those that succeed are written and leave the queue, the others count one more attempt. `export --output FILE` has the worker write the matching entries (all without filters) to FILE as JSON lines. retry and export answer when done and wait up to 10 minutes unless --timeout. Exit status 0 done, 1 the worker replied an error (or the output refused retried lines), 2 bad options, 3 no worker, 4 no answer in time. retry and export need admin rights.</source>
        <translation>`list` 输出在控制套接字上监听的 worker 的失败队列中与筛选条件匹配的条目，按键（主题、分区、偏移量）从小到大排列，最多 --limit 个：以表格输出，其中的错误信息按终端宽度截断（$COLUMNS；不是终端时为 120），或指定 --json 时每个条目输出为一行 JSON（包含其消息内容）。`retry` 立即按 worker 当前的设置重试与筛选条件匹配的条目（或 --all 指定的全部条目）：成功的条目会被写入并移出队列，其余条目的尝试次数加一。`export --output FILE` 让 worker 把匹配的条目（不指定筛选条件时为全部条目）以 JSON 行的形式写入 FILE。retry 和 export 在完成后才回应，最多等待 10 分钟，除非指定 --timeout。退出状态：0 完成，1 worker 返回错误（或输出拒绝了重试的行），2 选项有误，3 没有 worker 监听，4 未及时回应。retry 和 export 需要管理员权限。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>list, retry or export.</source>
        <translation>list、retry 或 export。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print each entry (list) or the answer as one JSON line.</source>
        <translation>把每个条目（list）或回复输出为一行 JSON。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1: say what to do: list, retry or export</source>
        <translation>%1：请指定要执行的操作：list、retry 或 export</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: unknown action &quot;%2&quot; (list, retry or export)</source>
        <translation>%1：未知操作“%2”（可用 list、retry 或 export）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is not an option of %2</source>
        <translation>%1 不是 %2 的选项</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Print at most N entries (default %1).</source>
        <translation>最多输出 N 个条目（默认 %1）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>no entries</source>
        <translation>没有条目</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: more entries match than --limit %2 shows</source>
        <translation>%1：匹配的条目多于 --limit %2 所显示的数量</translation>
    </message>
</context>
<context>
    <name>FileSink</name>
    <message>
        <location filename="../worker/sink/fileio.cpp" line="+55"/>
        <source>Cannot create the folder %1: %2</source>
        <translation>无法创建目录 %1：%2</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+10"/>
        <source>Cannot list the folder %1: %2</source>
        <translation>无法列出目录 %1 的内容：%2</translation>
    </message>
    <message>
        <location filename="../worker/sink/filesink.cpp" line="+38"/>
        <source>The folder for the TA log files is not set.</source>
        <translation>未设置 TA 日志文件所在的目录。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The instance name &quot;%1&quot; cannot start a file name.</source>
        <translation>实例名“%1”不能用作文件名的开头。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The time zone for the TA log file names is not valid.</source>
        <translation>TA 日志文件名所用的时区无效。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File and batch sizes cannot be negative.</source>
        <translation>文件大小和批次大小不能为负数。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>App id %1 cannot name a folder.</source>
        <translation>应用 ID %1 不能用作目录名。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The lines for app %1 do not end with a line break.</source>
        <translation>应用 %1 的行未以换行符结尾。</translation>
    </message>
    <message>
        <location line="+138"/>
        <location filename="../worker/sink/filesinkmaintenance.cpp" line="+142"/>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Cannot create %1 in the folder %2: %3</source>
        <translation>无法在目录 %2 中创建 %1：%3</translation>
    </message>
    <message>
        <location line="+58"/>
        <location filename="../worker/sink/filesinkmaintenance.cpp" line="+29"/>
        <source>Cannot cut the torn line at the end of %1: %2</source>
        <translation>无法截掉 %1 末尾不完整的行：%2</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Cannot write to %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Cannot sync %1 to disk: %2. The bytes written since the last checkpoint may be lost; restart the worker to write them again from the last checkpoint.</source>
        <translation>无法将 %1 同步到磁盘：%2。自上次检查点以来写入的字节可能已丢失；请重启 worker，从上次检查点重新写入。</translation>
    </message>
    <message>
        <location filename="../worker/sink/filesinkmaintenance.cpp" line="-83"/>
        <source>%1 was deleted while open and its last lines cannot be read back: %2</source>
        <translation>%1 在打开期间被删除，其最后的行无法读回：%2</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Cannot sync %1 to disk: %2</source>
        <translation>无法将 %1 同步到磁盘：%2</translation>
    </message>
    <message>
        <location filename="../worker/sink/filesink.cpp" line="+12"/>
        <source>Cannot sync the folder %1 to disk: %2</source>
        <translation>无法将目录 %1 同步到磁盘：%2</translation>
    </message>
    <message>
        <location filename="../worker/sink/filesinkmaintenance.cpp" line="-17"/>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../worker/sink/filesinktail.cpp" line="+26"/>
        <source>%1: cannot read the tail for recovery: %2</source>
        <translation>%1：无法读取用于恢复的文件尾部：%2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: cannot sync the tail found for recovery: %2</source>
        <translation>%1：无法同步恢复时找到的尾部：%2</translation>
    </message>
</context>
<context>
    <name>GenerateCommand</name>
    <message>
        <location filename="../worker/cli/generatecommand.cpp" line="+24"/>
        <source>--apps takes app ids separated by commas, e.g. 24,25; &quot;%1&quot; is not one</source>
        <translation>--apps 接受以逗号分隔的应用 ID，例如 24,25；“%1”不是有效的 ID</translation>
    </message>
    <message>
        <location line="+9"/>
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
        <location line="+3"/>
        <location line="+3"/>
        <location line="+4"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Events per second; 0 is as fast as possible (default 0).</source>
        <translation>每秒事件数；0 表示尽可能快（默认 0）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seed (default 1).</source>
        <translation>随机种子（默认 1）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Index of the first event, to continue an earlier run (default 0).</source>
        <translation>第一个事件的序号，用于接续之前的运行（默认 0）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Broken (invalid JSON) events per thousand, to exercise the failure queue (default 0).</source>
        <translation>每千个事件中损坏（无效 JSON）事件的数量，用于测试失败队列（默认 0）。</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+20"/>
        <source>%1: an endless run (--count 0) needs a --rate</source>
        <translation>%1：无限运行（--count 0）需要指定 --rate</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>produced %1, acknowledged %2, failed %3</source>
        <translation>已产生 %1，已确认 %2，失败 %3</translation>
    </message>
</context>
<context>
    <name>HealthAlerts</name>
    <message>
        <location filename="../worker/alerts/healthalerts.cpp" line="+64"/>
        <source>no partition is %1 any more</source>
        <translation>已没有处于 %1 状态的分区</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n partition(s) lost events: retention deleted %1 before they were read</source>
        <translation>
            <numerusform>%n 个分区丢失事件：保留策略在读取前删除了 %1 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n partition(s) went back without an offset reset</source>
        <translation>
            <numerusform>%n 个分区在未重置偏移量的情况下回退</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n partition(s) stopped: data waits and nothing is consumed</source>
        <translation>
            <numerusform>%n 个分区已停止：有数据等待但没有被消费</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n partition(s) stalled: data waits and the position does not move</source>
        <translation>
            <numerusform>%n 个分区停滞：有数据等待但位置不动</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n partition(s) fall behind: the lag grows</source>
        <translation>
            <numerusform>%n 个分区落后：积压在增长</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HostCommands</name>
    <message>
        <location filename="../worker/host/hostcommands.cpp" line="+52"/>
        <source>the configuration cannot be used, so the running pipeline goes on: %1</source>
        <translation>配置无法使用，正在运行的流水线将继续运行：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the pipeline stopped but the new one did not start: %1</source>
        <translation>流水线已停止，但新的流水线未能启动：%1</translation>
    </message>
</context>
<context>
    <name>JsonFields</name>
    <message>
        <location filename="../shared/jsonfields.cpp" line="+83"/>
        <source>%1 is missing</source>
        <translation>缺少 %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 must be %2, not %3</source>
        <translation>%1 必须是%2，而不是 %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>an integer</source>
        <translation>整数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a 32-bit integer</source>
        <translation>32 位整数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>an integer or null</source>
        <translation>整数或 null</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a number or null</source>
        <translation>数字或 null</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+27"/>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>a boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+25"/>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>an array</source>
        <translation>数组</translation>
    </message>
</context>
<context>
    <name>JsoncDocument</name>
    <message>
        <location filename="../worker/settings/jsonclexer.cpp" line="+48"/>
        <source>unexpected byte 0x%1</source>
        <translation>意外的字节 0x%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unexpected character U+%1</source>
        <translation>意外的字符 U+%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unexpected character &quot;%1&quot;</source>
        <translation>意外的字符“%1”</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>unterminated block comment</source>
        <translation>块注释没有结束</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unexpected &quot;/&quot;: comments start with // or /*</source>
        <translation>意外的“/”：注释以 // 或 /* 开头</translation>
    </message>
    <message>
        <location line="+43"/>
        <location line="+20"/>
        <source>unterminated string</source>
        <translation>字符串没有结束</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>control character in a string (write it as an escape such as \t)</source>
        <translation>字符串中有控制字符（请写成转义形式，例如 \t）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>invalid escape sequence: \u needs four hex digits</source>
        <translation>无效的转义序列：\u 需要四个十六进制数字</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>invalid escape sequence</source>
        <translation>无效的转义序列</translation>
    </message>
    <message>
        <location filename="../worker/settings/jsoncparser.cpp" line="+32"/>
        <source>objects and arrays are nested deeper than %1 levels</source>
        <translation>对象和数组的嵌套超过 %1 层</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>invalid value &quot;%1&quot;</source>
        <translation>无效的值“%1”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unexpected end of input, expected a value</source>
        <translation>输入意外结束，此处应为一个值</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+48"/>
        <source>unexpected comma, expected a value</source>
        <translation>意外的逗号，此处应为一个值</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>expected a value, found &quot;%1&quot;</source>
        <translation>此处应为一个值，实际为“%1”</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>expected a key in double quotes</source>
        <translation>此处应为双引号括起的键</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>duplicate key &quot;%1&quot;</source>
        <translation>重复的键“%1”</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>expected &quot;:&quot; after the key &quot;%1&quot;</source>
        <translation>键“%1”之后应为“:”</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unexpected comma, expected a key</source>
        <translation>意外的逗号，此处应为一个键</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unexpected end of input: the object opened at %1 is not closed</source>
        <translation>输入意外结束：在 %1 开始的对象没有闭合</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unexpected end of input: the array opened at %1 is not closed</source>
        <translation>输入意外结束：在 %1 开始的数组没有闭合</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>expected &quot;,&quot; or &quot;}&quot;</source>
        <translation>此处应为“,”或“}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected &quot;,&quot; or &quot;]&quot;</source>
        <translation>此处应为“,”或“]”</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the document is empty</source>
        <translation>文档为空</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>unexpected content after the end of the document</source>
        <translation>文档结束后还有多余内容</translation>
    </message>
    <message>
        <location filename="../worker/settings/jsoncdocument.cpp" line="+21"/>
        <source>cannot open the file: %1</source>
        <translation>无法打开文件：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot read the file: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
</context>
<context>
    <name>Kafka</name>
    <message>
        <location filename="../worker/kafka/kafkaclient.cpp" line="+36"/>
        <source>Kafka property %1=%2: %3</source>
        <translation>Kafka 属性 %1=%2：%3</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot create the Kafka client: %1</source>
        <translation>无法创建 Kafka 客户端：%1</translation>
    </message>
    <message>
        <location line="+15"/>
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
    <name>KafkaLagCommand</name>
    <message>
        <location filename="../worker/cli/kafkalagcommand.cpp" line="+10"/>
        <source>Print a running worker&apos;s total lag (messages not yet processed) as one number</source>
        <translation>以单个数字输出运行中的 worker 的总积压（尚未处理的消息数）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Asks the worker listening on the control socket for its total lag (&quot;kafka_lag&quot;: High - Current summed over its partitions, those not known yet left out) and prints it as one number. The socket is --socket PATH, or control.socket of the configuration (-c FILE). Exit status: 0 answered, 1 an error, 2 bad options, 3 no worker listening, 4 no answer in time.</source>
        <translation>向在控制套接字上监听的 worker 查询其总积压（“kafka_lag”：各分区 High - Current 之和，尚未知的分区不计入），并以单个数字输出。套接字由 --socket PATH 指定，或取配置（-c FILE）中的 control.socket。退出状态：0 已回应，1 出错，2 选项有误，3 没有 worker 监听，4 未及时回应。</translation>
    </message>
</context>
<context>
    <name>KafkaSink</name>
    <message>
        <location filename="../worker/sink/kafkasink.cpp" line="+57"/>
        <source>cannot use the output topic %1: %2</source>
        <translation>无法使用输出主题 %1：%2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>the failed output producer still has %1 line(s) to report</source>
        <translation>失效的输出生产者还有 %1 行未报告结果</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>the output Kafka&apos;s producer queue is full (%1 line(s) not confirmed yet)</source>
        <translation>输出 Kafka 的生产者队列已满（%1 行尚未确认）</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>%1 event(s) are not confirmed by the output Kafka yet (%2); the checkpoint waits</source>
        <translation>还有 %1 个事件未得到输出 Kafka 的确认（%2）；检查点将等待</translation>
    </message>
</context>
<context>
    <name>KafkaSource</name>
    <message>
        <location filename="../worker/source/kafkasource.cpp" line="+100"/>
        <source>Cannot subscribe to the topics: %1</source>
        <translation>无法订阅主题：%1</translation>
    </message>
    <message>
        <location line="+158"/>
        <source>cannot start consuming the partitions again (restart the worker to take them at their new offsets): %1</source>
        <translation>无法重新开始消费这些分区（请重启 worker，以便从新的偏移量开始读取）：%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>cannot move %1[%2] to offset %3: %4</source>
        <translation>无法将 %1[%2] 移到偏移量 %3：%4</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>cannot move the partitions to their new offsets: %1</source>
        <translation>无法将这些分区移到新的偏移量：%1</translation>
    </message>
    <message>
        <location line="+163"/>
        <source>Cannot take the assigned partitions: %1</source>
        <translation>无法获取分配到的分区：%1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Cannot commit offsets to the group: %1</source>
        <translation>无法向消费组提交偏移量：%1</translation>
    </message>
</context>
<context>
    <name>Logging</name>
    <message>
        <location filename="../shared/logging.cpp" line="+196"/>
        <source>%1: cannot open the log file</source>
        <translation>%1：无法打开日志文件</translation>
    </message>
</context>
<context>
    <name>MetricsServer</name>
    <message>
        <location filename="../worker/metrics/metricsserver.cpp" line="+31"/>
        <source>metrics.listen &quot;%1&quot; is not PORT or HOST:PORT</source>
        <translation>metrics.listen “%1”不是 PORT 或 HOST:PORT</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>cannot listen for metrics on %1 (in use, or not an address of this machine)</source>
        <translation>无法在 %1 上提供指标（端口已被占用，或不是本机地址）</translation>
    </message>
</context>
<context>
    <name>OffsetCheckerCommand</name>
    <message>
        <location filename="../worker/cli/offsetcheckercommand.cpp" line="+53"/>
        <source>Show Low, High, Current, Checkpointed, Lag, lag in time, catch-up estimate and health of each partition of a running worker</source>
        <translation>显示运行中的 worker 每个分区的 Low、High、Current、Checkpointed、积压、积压时长、追平预计和健康状态</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Low</source>
        <translation>Low</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High</source>
        <translation>High</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Current</source>
        <translation>Current</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Checkpointed</source>
        <translation>检查点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lag</source>
        <translation>积压</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lag time</source>
        <translation>积压时长</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Catch-up</source>
        <translation>追平预计</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Health</source>
        <translation>健康状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (%2 lost)</source>
        <translation>%1（丢失 %2 条）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>never</source>
        <translation>追不上</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Asks the worker listening on the control socket for its offsets (&quot;offsets&quot;) and prints them as a table, one row per assigned partition sorted by topic and partition; &quot;-&quot; is an offset not known yet. The socket is --socket PATH, or control.socket of the configuration (-c FILE). Exit status: 0 answered, 1 an error (or no partition of --topic), 2 bad options, 3 no worker listening, 4 no answer in time.</source>
        <translation>向在控制套接字上监听的 worker 查询其偏移量（“offsets”），并以表格输出：每个分配到的分区一行，按主题和分区排序；“-”表示尚未知的偏移量。套接字由 --socket PATH 指定，或取配置（-c FILE）中的 control.socket。退出状态：0 已回应，1 出错（或 worker 没有读取 --topic 所指主题的任何分区），2 选项有误，3 没有 worker 监听，4 未及时回应。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Only the partitions of this topic.</source>
        <translation>仅显示该主题的分区。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TOPIC</source>
        <translation>主题</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1: the worker on %2 reads no partition of topic &quot;%3&quot;</source>
        <translation>%1：%2 上的 worker 没有读取主题“%3”的任何分区</translation>
    </message>
</context>
<context>
    <name>OffsetResetPlanner</name>
    <message>
        <location filename="../worker/pipeline/offsetresetplanner.cpp" line="+50"/>
        <source>no partition of topic %1 is assigned to this worker</source>
        <translation>主题 %1 没有任何分区分配给此 worker</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>%1 is not assigned to this worker (another member of the group has it, or it is not in the worker&apos;s topics): reset it where it is consumed</source>
        <translation>%1 未分配给此 worker（消费组的另一个成员持有它，或它不在此 worker 的主题中）：请在消费它的地方重置</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: the cluster did not say where the log begins and ends</source>
        <translation>%1：集群没有告知日志的起止位置</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: the cluster did not say which offset that time is</source>
        <translation>%1：集群没有告知该时间对应的偏移量</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: its position is not known yet, so it cannot be shifted</source>
        <translation>%1：其位置尚未知，因此无法平移</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: offset %2 is outside the log [%3, %4] (without --strict it would be clamped)</source>
        <translation>%1：偏移量 %2 超出日志范围 [%3, %4]（不指定 --strict 时会被调整到该范围内）</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>no partition to reset: none is assigned to this worker</source>
        <translation>没有可重置的分区：此 worker 未分配到任何分区</translation>
    </message>
</context>
<context>
    <name>OffsetResetRequest</name>
    <message>
        <location filename="../shared/values/offsetresetrequest.cpp" line="+70"/>
        <source>%1 must be an integer, not %2</source>
        <translation>%1 必须是整数，而不是 %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 must be true or false, not %2</source>
        <translation>%1 必须是 true 或 false，而不是 %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 must be an array, not %2</source>
        <translation>%1 必须是数组，而不是 %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 must be an object with topic, partition and offset</source>
        <translation>%1 必须是包含 topic、partition 和 offset 的对象</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: the topic must not be empty, and the partition and the offset must not be negative</source>
        <translation>%1：topic 不能为空，partition 和 offset 不能为负数</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>to must be one of %1, not &quot;%2&quot;</source>
        <translation>to 必须是 %1 之一，而不是“%2”</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 does not go with the target %2</source>
        <translation>%1 不能与目标 %2 一起使用</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the target %1 needs %2</source>
        <translation>目标 %1 需要 %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>offset must not be negative</source>
        <translation>offset 不能为负数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>timestamp_ms must not be negative</source>
        <translation>timestamp_ms 不能为负数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>duration_ms must not be negative</source>
        <translation>duration_ms 不能为负数</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>offsets must name at least one partition</source>
        <translation>offsets 必须至少指定一个分区</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>topics must be an array of topic names</source>
        <translation>topics 必须是由主题名组成的数组</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>partitions must be &quot;topic:N&quot; strings, not %1</source>
        <translation>partitions 必须是“topic:N”字符串，而不是 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the target offsets names its partitions: it takes no all_topics, topics or partitions</source>
        <translation>目标 offsets 已自带分区：不接受 all_topics、topics 或 partitions</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>say which partitions, with exactly one of all_topics, topics or partitions</source>
        <translation>请指定分区：all_topics、topics、partitions 必须且只能指定其一</translation>
    </message>
</context>
<context>
    <name>Options</name>
    <message>
        <location filename="../worker/cli/options.cpp" line="+12"/>
        <source>Show this help.</source>
        <translation>显示本帮助。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+3"/>
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
    <message>
        <location line="+12"/>
        <source>Configuration file (default config/mtga.yml).</source>
        <translation>配置文件（默认 config/mtga.yml）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>PayloadDecoder</name>
    <message>
        <location filename="../worker/codec/payloaddecoder.cpp" line="+109"/>
        <source>empty message</source>
        <translation>空消息</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not a valid snappy block at byte %1: corrupt data</source>
        <translation>第 %1 字节处不是有效的 snappy 块：数据已损坏</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the decoded payload is over the limit of %1 bytes: the snappy data at byte %2 brings it to %3 bytes</source>
        <translation>解码后的内容超过 %1 字节的上限：第 %2 字节处的 snappy 数据使其达到 %3 字节</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>not a valid snappy block at byte %1: unreadable length header</source>
        <translation>第 %1 字节处不是有效的 snappy 块：长度头无法读取</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the snappy chunk at byte %1 decodes to %2 bytes, more than the %3 the framing format allows</source>
        <translation>第 %1 字节处的 snappy 分块解码为 %2 字节，超过分帧格式允许的 %3 字节</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>not a valid snappy block at byte %1: %2 bytes cannot decode to the %3 its header claims</source>
        <translation>第 %1 字节处不是有效的 snappy 块：%2 字节无法解码为其头部声明的 %3 字节</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>truncated snappy frame: the chunk header at byte %1 needs %2 bytes, %3 are left</source>
        <translation>snappy 帧被截断：第 %1 字节处的分块头需要 %2 字节，只剩 %3 字节</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>truncated snappy frame: the chunk at byte %1 declares %2 bytes, %3 are left</source>
        <translation>snappy 帧被截断：第 %1 字节处的分块声明 %2 字节，只剩 %3 字节</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>bad snappy stream identifier at byte %1</source>
        <translation>第 %1 字节处的 snappy 流标识无效</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the snappy chunk at byte %1 is too short to hold its checksum</source>
        <translation>第 %1 字节处的 snappy 分块太短，放不下校验和</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the snappy chunk at byte %1 holds %2 bytes, more than the %3 the framing format allows</source>
        <translation>第 %1 字节处的 snappy 分块有 %2 字节，超过分帧格式允许的 %3 字节</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>CRC mismatch in the snappy chunk at byte %1: stored 0x%2, computed 0x%3</source>
        <translation>第 %1 字节处的 snappy 分块 CRC 不匹配：记录值 0x%2，计算值 0x%3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unknown unskippable snappy chunk type 0x%1 at byte %2</source>
        <translation>第 %2 字节处有未知且不可跳过的 snappy 分块类型 0x%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>truncated snappy-java header: %1 bytes, %2 needed</source>
        <translation>snappy-java 头被截断：只有 %1 字节，需要 %2 字节</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>truncated snappy-java block length at byte %1</source>
        <translation>第 %1 字节处的 snappy-java 块长度被截断</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>truncated snappy-java block at byte %1: it declares %2 bytes, %3 are left</source>
        <translation>第 %1 字节处的 snappy-java 块被截断：声明 %2 字节，只剩 %3 字节</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>no JSON record in the payload</source>
        <translation>内容中没有 JSON 记录</translation>
    </message>
</context>
<context>
    <name>PidFile</name>
    <message>
        <location filename="../worker/cli/pidfile.cpp" line="+75"/>
        <source>cannot open the pid file %1: %2</source>
        <translation>无法打开 pid 文件 %1：%2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>cannot lock the pid file %1: %2</source>
        <translation>无法锁定 pid 文件 %1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+26"/>
        <source>mtga is already running (pid %1; pid file %2)</source>
        <translation>mtga 已在运行（pid %1；pid 文件 %2）</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>mtga is already running (pid file %1 is locked)</source>
        <translation>mtga 已在运行（pid 文件 %1 已被锁定）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>cannot lock the pid file %1: it is replaced again and again</source>
        <translation>无法锁定 pid 文件 %1：它被反复替换</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>descriptor %1 is not the pid file %2</source>
        <translation>描述符 %1 不是 pid 文件 %2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>cannot write the pid file %1: %2</source>
        <translation>无法写入 pid 文件 %1：%2</translation>
    </message>
</context>
<context>
    <name>Pipeline</name>
    <message>
        <location filename="../worker/pipeline/pipeline.cpp" line="+38"/>
        <source>workers must be at least 1</source>
        <translation>workers 必须至少为 1</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>this librdkafka (%1) was built without snappy: compressed topics cannot be read. Install Debian&apos;s librdkafka1.</source>
        <translation>此 librdkafka（%1）构建时未包含 snappy：无法读取压缩的主题。请安装 Debian 的 librdkafka1。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>librdkafka %1 with snappy</source>
        <translation>librdkafka %1，支持 snappy</translation>
    </message>
    <message numerus="yes">
        <location line="-35"/>
        <source>output topic %1 at %2: %n partition(s)</source>
        <translation>
            <numerusform>输出主题 %1（%2）：%n 个分区</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+138"/>
        <source>RocksDB at %1 opened: %n partition(s) checkpointed, %2 file(s), %3 failure(s) queued</source>
        <translation>
            <numerusform>已打开位于 %1 的 RocksDB：%n 个分区有检查点，%2 个文件，失败队列中 %3 条</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>RocksDB at %1 opened, but some files are shorter than their checkpoint (see the log)</source>
        <translation>已打开位于 %1 的 RocksDB，但有些文件比检查点记录的长度短（见日志）</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>the output did not take every event before the stop gave up on it; what it did not take is consumed again at the next start</source>
        <translation>停止放弃等待之前，输出未能接收全部事件；未接收的事件会在下次启动时重新消费</translation>
    </message>
    <message>
        <location filename="../worker/pipeline/pipelinework.cpp" line="+148"/>
        <source>%1:%2 is not assigned to this worker</source>
        <translation>%1:%2 未分配给此 worker</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>the output took %1 of %2 bytes of app %3&apos;s events</source>
        <translation>输出只接收了应用 %3 的事件 %2 字节中的 %1 字节</translation>
    </message>
    <message>
        <location filename="../worker/pipeline/pipelinecheckpoint.cpp" line="+197"/>
        <source>the pipeline has not started</source>
        <translation>流水线尚未启动</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>another retry or export of the failure queue is running; try again when it is done</source>
        <translation>失败队列的另一个重试或导出操作正在进行；请在其完成后再试</translation>
    </message>
    <message>
        <location filename="../worker/pipeline/pipelinereset.cpp" line="+24"/>
        <source>the reset was given up and nothing changed: %1</source>
        <translation>已放弃重置，未做任何更改：%1</translation>
    </message>
    <message>
        <location filename="../worker/pipeline/pipelinecheckpoint.cpp" line="-3"/>
        <location filename="../worker/pipeline/pipelinereset.cpp" line="+14"/>
        <location filename="../worker/pipeline/pipelineresetjournal.cpp" line="+35"/>
        <source>the pipeline is not running</source>
        <translation>流水线未在运行</translation>
    </message>
    <message>
        <location filename="../worker/pipeline/pipelinereset.cpp" line="+4"/>
        <source>another offset reset is running; try again when it is done</source>
        <translation>另一个偏移量重置正在进行；请在其完成后重试</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>the worker is stopping</source>
        <translation>worker 正在停止</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>what was taken of these partitions was not written in %1 s (is the output blocked? see `mtga status`)</source>
        <translation>这些分区已取得的数据未在 %1 秒内写出（输出是否被阻塞？请查看 `mtga status`）</translation>
    </message>
    <message>
        <location line="+60"/>
        <location line="+13"/>
        <source>the consumer did not answer</source>
        <translation>消费者没有应答</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>a checkpoint in progress did not end in time</source>
        <translation>正在进行的检查点未能及时完成</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>a rebalance took or moved %1:%2 meanwhile</source>
        <translation>在此期间，一次再均衡取走或移动了 %1:%2</translation>
    </message>
    <message>
        <location filename="../worker/pipeline/pipelineresetjournal.cpp" line="-18"/>
        <source>offset-reset journal entry %1 is not JSON</source>
        <translation>偏移量重置日志条目 %1 不是 JSON</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>offset-reset journal entry %1: %2</source>
        <translation>偏移量重置日志条目 %1：%2</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>journal entry %1 is undone already</source>
        <translation>重置日志条目 %1 已被撤销</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the journal has no entry %1</source>
        <translation>重置日志中没有条目 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the journal has no applied reset that is not undone yet</source>
        <translation>重置日志中没有尚未撤销的已应用重置</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>journal entry %1 knows no partition&apos;s offset before it</source>
        <translation>重置日志条目 %1 没有记录任何分区在重置前的偏移量</translation>
    </message>
</context>
<context>
    <name>PositionGuard</name>
    <message>
        <location filename="../worker/pipeline/positionguard.cpp" line="+41"/>
        <source>%1: the stored position %2 is past the end of the log (High %3): the topic was recreated or lost data. This partition is not read until its offset is reset.</source>
        <translation>%1：保存的位置 %2 超出了日志末尾（High %3）：主题被重建或丢失了数据。在重置其 offset 之前，不会读取该分区。</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+41"/>
        <source>every stored position lies within its log</source>
        <translation>所有保存的位置都在其日志范围内</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: the log went back from offset %2 to %3 (the topic was recreated or lost data). This partition is not read until its offset is reset.</source>
        <translation>%1：日志从 offset %2 退回到了 %3（主题被重建或丢失了数据）。在重置其 offset 之前，不会读取该分区。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1: %2 event(s) were deleted by retention before they were read (offsets %3 to %4); reading goes on at %5.</source>
        <translation>%1：有 %2 个事件在被读取之前已被保留策略删除（offset %3 至 %4）；从 %5 继续读取。</translation>
    </message>
</context>
<context>
    <name>ReloadCommand</name>
    <message>
        <location filename="../worker/cli/reloadcommand.cpp" line="+11"/>
        <source>Reload a running worker&apos;s settings (as SIGHUP) and print the apps in force</source>
        <translation>重新加载运行中 worker 的设置（与 SIGHUP 相同），并打印生效的应用</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sends &quot;reload&quot; to the worker listening on the control socket: it reads its settings folder again, as on SIGHUP, and puts them in force for every worker thread; settings with errors change nothing (each error is listed). Prints the apps whose settings are in force. Admins only. Exit status: 0 reloaded, 1 an error, 2 bad options, 3 no worker listening, 4 no answer in time.</source>
        <translation>向在控制套接字上监听的 worker 发送“reload”：它重新读取设置目录（与 SIGHUP 相同），并让新设置对每个工作线程生效；有错误的设置不会改变任何东西（列出每个错误）。打印设置生效的应用。仅限管理员。退出状态：0 已重新加载，1 出错，2 选项有误，3 没有 worker 监听，4 未及时回应。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>settings reloaded: apps %1</source>
        <translation>设置已重新加载：应用 %1</translation>
    </message>
</context>
<context>
    <name>ResetCommands</name>
    <message>
        <location filename="../worker/control/resetcommands.cpp" line="+84"/>
        <source>limit must be from 1 to %1</source>
        <translation>limit 必须在 1 到 %1 之间</translation>
    </message>
</context>
<context>
    <name>ResetJournalCommand</name>
    <message>
        <location filename="../worker/cli/resetoffsetscommand.cpp" line="+196"/>
        <source>List the offset resets applied to a running worker, newest first</source>
        <translation>列出运行中的 worker 已应用的偏移量重置，最新的在前</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TIME</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UID</source>
        <translation>UID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TARGET</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UNDOES</source>
        <translation>撤销条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PARTITIONS (BEFORE -&gt; AFTER)</source>
        <translation>分区（重置前 -&gt; 重置后）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Lists the offset resets applied to the worker listening on the control socket, newest first: when, by whom, the target, and each partition&apos;s offset before and after. Exit status 0 answered, 1 an error, 2 bad options, 3 no worker, 4 no answer in time.</source>
        <translation>列出在控制套接字上监听的 worker 已应用的偏移量重置，最新的在前：时间、操作者、目标，以及每个分区重置前后的偏移量。退出状态：0 已回应，1 出错，2 选项有误，3 没有 worker 监听，4 未及时回应。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>At most N entries (default 20).</source>
        <translation>最多 N 个条目（默认 20）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--limit needs a number &gt;= 1</source>
        <translation>--limit 需要一个 &gt;= 1 的数字</translation>
    </message>
</context>
<context>
    <name>ResetOffsetsCommand</name>
    <message>
        <location line="-218"/>
        <source>refused: %1</source>
        <translation>已拒绝：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>clamped to Low</source>
        <translation>已调整到 Low</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>clamped to High</source>
        <translation>已调整到 High</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Reset a running worker&apos;s offsets (dry run unless --execute), as kafka-consumer-groups.sh --reset-offsets</source>
        <translation>重置运行中的 worker 的偏移量（除非指定 --execute，否则为试运行），用法同 kafka-consumer-groups.sh --reset-offsets</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>TOPIC</source>
        <translation>主题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PARTITION</source>
        <translation>分区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LOW</source>
        <translation>LOW</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HIGH</source>
        <translation>HIGH</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CURRENT</source>
        <translation>CURRENT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NEW</source>
        <translation>新偏移量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LAG AFTER</source>
        <translation>重置后积压</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SKIPPED</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>REPLAYED</source>
        <translation>重放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NOTE</source>
        <translation>备注</translation>
    </message>
    <message numerus="yes">
        <location line="+35"/>
        <source>%1: %n partition(s) cannot be reset (see NOTE): nothing would change</source>
        <translation>
            <numerusform>%1：%n 个分区无法重置（见“备注”列）：不会有任何更改</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: dry run, nothing changed; add --execute to apply it</source>
        <translation>%1：试运行，未做任何更改；添加 --execute 以应用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: applied (journal entry %2; `mtga undo_reset` restores the offsets before it)</source>
        <translation>%1：已应用（重置日志条目 %2；`mtga undo_reset` 可恢复重置前的偏移量）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: the group did not take the commit yet (the next checkpoint commits again): %2</source>
        <translation>%1：消费组尚未接受此次提交（下一个检查点会再次提交）：%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Moves partitions of the worker listening on the control socket to new offsets while it runs, with the flags of kafka-consumer-groups.sh --reset-offsets. Without --execute it only prints, per partition, where it is, where it would go, the lag after and how many messages that skips or replays. With --execute the partitions pause, what was taken of them is written and checkpointed, the new offsets are stored and committed to the group, and they go on from there; the other partitions keep flowing. A target outside the log is moved to Low or High (or refused with --strict). Every applied reset is journalled (mtga reset_journal) and can be undone (mtga undo_reset). Needs a uid or gid of control.admin_uids / admin_gids. Exit status 0 done, 1 refused or failed, 2 bad options, 3 no worker, 4 no answer in time (--execute waits up to 60 s unless --timeout).</source>
        <translation>在控制套接字上监听的 worker 运行期间，把它的分区移到新的偏移量，参数与 kafka-consumer-groups.sh --reset-offsets 相同。不指定 --execute 时只逐个分区输出当前位置、将移到的位置、重置后的积压，以及因此跳过或重放的消息数。指定 --execute 时，这些分区会暂停，已取得的数据会被写出并保存检查点，新的偏移量会被保存并提交到消费组，然后从新位置继续；其他分区照常运行。超出日志范围的目标会被调整到 Low 或 High（指定 --strict 时则拒绝）。每次应用的重置都会记入重置日志（mtga reset_journal），并可撤销（mtga undo_reset）。需要 uid 或 gid 属于 control.admin_uids / admin_gids。退出状态：0 完成，1 被拒绝或失败，2 选项有误，3 没有 worker 监听，4 未及时回应（--execute 最多等待 60 秒，除非指定 --timeout）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Print the worker&apos;s answer as one JSON line.</source>
        <translation>把 worker 的回复输出为一行 JSON。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print the new offsets as topic,partition,offset lines (for --from-file) instead of the table.</source>
        <translation>以 topic,partition,offset 行的形式输出新的偏移量（可供 --from-file 使用），而不是输出表格。</translation>
    </message>
</context>
<context>
    <name>ResetOptions</name>
    <message>
        <location filename="../worker/cli/resetoptions.cpp" line="+40"/>
        <source>--topic needs a topic name</source>
        <translation>--topic 需要一个主题名</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--topic %1: give TOPIC or TOPIC:P1,P2,... with partition numbers</source>
        <translation>--topic %1：请指定 TOPIC 或 TOPIC:P1,P2,...（P 为分区号）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reset to the first offset of the log (Low).</source>
        <translation>重置到日志的第一个偏移量（Low）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset to the end of the log (High): skip what is there.</source>
        <translation>重置到日志末尾（High）：跳过现有的消息。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset to offset N.</source>
        <translation>重置到偏移量 N。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset to the first message at or after this time, as YYYY-MM-DDTHH:mm:SS.sss, in UTC unless a zone such as +08:00 follows (as kafka-consumer-groups.sh reads it).</source>
        <translation>重置到该时间或之后的第一条消息，时间格式为 YYYY-MM-DDTHH:mm:SS.sss；除非后面跟有 +08:00 这样的时区，否则按 UTC 解释（与 kafka-consumer-groups.sh 的解析方式相同）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reset to the first message at or after this long ago, as an ISO-8601 duration: PT1H, P1DT12H, PT30M.</source>
        <translation>重置到从现在往前推该时长的时刻或之后的第一条消息，时长采用 ISO-8601 格式：PT1H、P1DT12H、PT30M。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move the current position by N messages (negative: back).</source>
        <translation>将当前位置移动 N 条消息（负数表示回退）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reset to the offsets of a CSV file of topic,partition,offset lines (as kafka-consumer-groups.sh --export writes).</source>
        <translation>重置到 CSV 文件中给出的偏移量，文件每行为 topic,partition,offset（与 kafka-consumer-groups.sh --export 写出的格式相同）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The topic to reset, or TOPIC:P1,P2 for some of its partitions; repeatable.</source>
        <translation>要重置的主题，或用 TOPIC:P1,P2 指定其中部分分区；可重复指定。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reset every partition the worker consumes.</source>
        <translation>重置 worker 消费的所有分区。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply the reset (without it, only show what it would do).</source>
        <translation>应用重置（不指定时只显示重置将做什么）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only show what the reset would do (the default).</source>
        <translation>只显示重置将做什么（默认）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refuse a target outside the log instead of moving it to Low or High.</source>
        <translation>目标超出日志范围时拒绝执行，而不是将其调整到 Low 或 High。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>give exactly one of --to-earliest, --to-latest, --to-offset, --to-datetime, --by-duration, --shift-by, --from-file</source>
        <translation>请指定以下选项之一（且只能指定一个）：--to-earliest、--to-latest、--to-offset、--to-datetime、--by-duration、--shift-by、--from-file</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--to-offset needs an offset &gt;= 0, not &quot;%1&quot;</source>
        <translation>--to-offset 需要一个 &gt;= 0 的偏移量，而不是“%1”</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--to-datetime needs YYYY-MM-DDTHH:mm:SS.sss, not &quot;%1&quot;</source>
        <translation>--to-datetime 需要 YYYY-MM-DDTHH:mm:SS.sss 格式，而不是“%1”</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--by-duration needs an ISO-8601 duration such as PT1H, not &quot;%1&quot;</source>
        <translation>--by-duration 需要 ISO-8601 时长（例如 PT1H），而不是“%1”</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--shift-by needs a number, not &quot;%1&quot;</source>
        <translation>--shift-by 需要一个数字，而不是“%1”</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>--from-file names its partitions: give no --topic or --all-topics</source>
        <translation>--from-file 已指定了分区：请不要再指定 --topic 或 --all-topics</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>say which partitions: --all-topics, or --topic (repeatable)</source>
        <translation>请指定分区：--all-topics，或 --topic（可重复指定）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>give either whole topics (--topic T) or partitions (--topic T:0,1), not both</source>
        <translation>请指定整个主题（--topic T）或分区（--topic T:0,1），不能同时指定两者</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--execute and --dry-run exclude each other</source>
        <translation>--execute 与 --dry-run 不能同时指定</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>%1: cannot read it: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1:%2: expected topic,partition,offset, not &quot;%3&quot;</source>
        <translation>%1:%2：应为 topic,partition,offset，而不是“%3”</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: no topic,partition,offset line in it</source>
        <translation>%1：其中没有 topic,partition,offset 行</translation>
    </message>
</context>
<context>
    <name>RestartCommand</name>
    <message>
        <location filename="../worker/cli/restartcommand.cpp" line="+11"/>
        <source>Restart a running worker&apos;s pipeline with its configuration read again</source>
        <translation>重新读取配置并重启运行中 worker 的流水线</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sends &quot;restart&quot; to the worker listening on the control socket: it reads its configuration file again, stops its pipeline (which checkpoints) and starts a new one, in the same process; the answer comes when the new pipeline runs. Admins only. Exit status: 0 restarted, 1 an error (the running pipeline goes on when the configuration cannot be loaded), 2 bad options, 3 no worker listening, 4 no answer in time. The old pipeline checkpoints before the new one starts: on a busy worker give --timeout more than its default.</source>
        <translation>向在控制套接字上监听的 worker 发送“restart”：它重新读取配置文件，停止其流水线（流水线会写检查点），并在同一进程中启动新的流水线；新流水线运行后才会回应。仅限管理员。退出状态：0 已重启，1 出错（配置无法加载时，运行中的流水线继续运行），2 选项有误，3 没有 worker 监听，4 未及时回应。旧流水线在新流水线启动前写检查点：对于繁忙的 worker，请把 --timeout 设得比默认值更长。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>restarted: apps %1</source>
        <translation>已重启：应用 %1</translation>
    </message>
</context>
<context>
    <name>RunCommand</name>
    <message>
        <location filename="../worker/cli/runcommand.cpp" line="+54"/>
        <source>Run the worker: Kafka to TA files, until SIGINT or SIGTERM</source>
        <translation>运行工作进程：从 Kafka 写入 TA 文件，直到收到 SIGINT 或 SIGTERM</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Consumes the configured topics, transforms every event with the app&apos;s settings and writes TA log files, exactly once. SIGINT/SIGTERM checkpoint and stop; SIGHUP reloads the settings.</source>
        <translation>消费配置的主题，按各应用的设置转换每个事件并写入 TA 日志文件，保证恰好一次。收到 SIGINT/SIGTERM 时保存检查点并停止；收到 SIGHUP 时重新加载设置。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Seconds between status lines; 0: none (default 10).</source>
        <translation>状态行的输出间隔秒数；0 表示不输出（默认 10）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SECONDS</source>
        <translation>秒数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hold this pid file, locked, while the worker runs; refuse to start (exit 5) when another worker holds it. `mtga start` gives it.</source>
        <translation>在 worker 运行期间持有并锁定该 pid 文件；如果另一个 worker 已持有它，则拒绝启动（退出状态 5）。`mtga start` 会指定此选项。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1: %2 [%3]</source>
        <translation>%1：%2 [%3]</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>mtga is running (%1); Ctrl-C or SIGTERM stops it, SIGHUP reloads the settings. `mtga status` asks it how it is (socket %2).</source>
        <translation>mtga 正在运行（%1）；Ctrl-C 或 SIGTERM 停止它，SIGHUP 重新加载设置。`mtga status` 可查询其状态（套接字 %2）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Stopping: writing what was taken and checkpointing...</source>
        <translation>正在停止：写出已取得的数据并保存检查点……</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+4"/>
        <source>Stopped: %1</source>
        <translation>已停止：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stopped without a final checkpoint (the events will be consumed again): %1</source>
        <translation>已停止，但未保存最终检查点（这些事件将被重新消费）：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stopped cleanly.</source>
        <translation>已正常停止。</translation>
    </message>
</context>
<context>
    <name>SampleCommand</name>
    <message>
        <location filename="../worker/cli/samplecommand.cpp" line="+23"/>
        <source>(binary, %1 bytes: a compressed or encoded message; --json has it in base64)</source>
        <translation>（二进制，%1 字节：压缩或编码过的消息；--json 输出中以 base64 给出）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>#%1 written (app %2, %3): %4</source>
        <translation>#%1 已写入（应用 %2，%3）：%4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>#%1 filtered (app %2, %3) by %4</source>
        <translation>#%1 已过滤（应用 %2，%3），过滤规则：%4</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>#%1 failed (app %2, %3) in %4</source>
        <translation>#%1 失败（应用 %2，%3）：%4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show the last messages of a partition next to the TA lines they became</source>
        <translation>显示分区最近的消息及其转换成的 TA 行</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1:%2: no message taken yet</source>
        <translation>%1:%2：尚未取得任何消息</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1:%2 offset %3 at %4 (%5 bytes)</source>
        <translation>%1:%2 偏移量 %3，时间 %4（%5 字节）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>message: %1</source>
        <translation>消息内容：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Asks the worker listening on the control socket for the last messages it took of one partition, newest first, each with what became of its records: the TA line written, the filter rule that dropped it, or why it failed. The worker keeps up to 50 per partition, taking about 100 a second, so on a busy partition they are a recent sample rather than every message. Lines are cut to the terminal&apos;s width ($COLUMNS, or 120); --json prints the whole answer. Exit status: 0 answered, 1 an error (a partition the worker does not read), 2 bad options, 3 no worker, 4 no answer in time.</source>
        <translation>向在控制套接字上监听的 worker 查询它最近从某个分区取得的消息，最新的在前，并列出每条消息中各记录的去向：写入的 TA 行、丢弃它的过滤规则，或失败的原因。worker 每个分区最多保留 50 条，每秒约采样 100 条，因此在繁忙的分区上，这些只是近期的采样，而不是全部消息。各行按终端宽度截断（$COLUMNS，或 120）；--json 输出完整的回复。退出状态：0 已回应，1 出错（worker 未读取该分区），2 选项有误，3 没有 worker 监听，4 未及时回应。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The partition, as TOPIC:PARTITION.</source>
        <translation>分区，格式为 主题:分区。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TOPIC:PARTITION</source>
        <translation>主题:分区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show at most N messages (default 10, at most 50).</source>
        <translation>最多显示 N 条消息（默认 10，最多 50）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--topic takes TOPIC:PARTITION, not &quot;%1&quot;</source>
        <translation>--topic 的参数应为 TOPIC:PARTITION，而不是“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>say which partition, with --topic TOPIC:PARTITION</source>
        <translation>请用 --topic TOPIC:PARTITION 指定分区</translation>
    </message>
</context>
<context>
    <name>SelfCheck</name>
    <message>
        <location filename="../worker/pipeline/selfcheck.cpp" line="+39"/>
        <source>%1[%2]: local checkpoint %3, group commit %4; starting at %5</source>
        <translation>%1[%2]：本地检查点 %3，消费组提交 %4；从 %5 开始</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n partition(s) with both: local checkpoints and group commits agree</source>
        <translation>
            <numerusform>%n 个分区两者都有：本地检查点与消费组提交一致</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsSet</name>
    <message>
        <location filename="../worker/settings/schemareader.cpp" line="+22"/>
        <source>expected an object</source>
        <translation>此处应为对象</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unknown key (expected one of: %1)</source>
        <translation>未知的键（应为以下之一：%1）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>expected a string</source>
        <translation>此处应为字符串</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+51"/>
        <location line="+23"/>
        <source>expected a non-empty string</source>
        <translation>此处应为非空字符串</translation>
    </message>
    <message>
        <location filename="../worker/settings/conditionreader.cpp" line="+129"/>
        <location filename="../worker/settings/schemareader.cpp" line="-61"/>
        <source>expected true or false</source>
        <translation>此处应为 true 或 false</translation>
    </message>
    <message>
        <location filename="../worker/settings/schemareader.cpp" line="+15"/>
        <source>&quot;%1&quot; is not one of: %2</source>
        <translation>“%1”不是以下之一：%2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>expected a list of strings</source>
        <translation>此处应为字符串列表</translation>
    </message>
    <message>
        <location filename="../worker/settings/conditionreader.cpp" line="-76"/>
        <source>conditions nest too deep (at most %1 levels)</source>
        <translation>条件嵌套过深（最多 %1 层）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>a condition needs exactly one of: equals, not_equals, in, not_in, exists, gt, gte, lt, lte, all, any, not</source>
        <translation>一个条件必须且只能包含以下之一：equals、not_equals、in、not_in、exists、gt、gte、lt、lte、all、any、not</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&quot;%1&quot; combines conditions and takes no field</source>
        <translation>“%1”用于组合条件，不接受 field</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>expected a non-empty list of conditions</source>
        <translation>此处应为非空的条件列表</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&quot;%1&quot; needs a &quot;field&quot;</source>
        <translation>“%1”需要一个“field”</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>expected a non-empty list of values</source>
        <translation>此处应为非空的值列表</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+13"/>
        <source>expected a string, number, true, false or null</source>
        <translation>此处应为字符串、数字、true、false 或 null</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>expected a number</source>
        <translation>此处应为数字</translation>
    </message>
    <message>
        <location filename="../worker/settings/metadatareader.cpp" line="+47"/>
        <source>&quot;identity&quot; is required: name the field of #account_id and/or #distinct_id</source>
        <translation>必须有“identity”：指明 #account_id 和/或 #distinct_id 对应的字段</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>needs &quot;account_id&quot; or &quot;distinct_id&quot; (or both)</source>
        <translation>需要“account_id”或“distinct_id”（或两者）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>unknown time zone &quot;%1&quot; (use an IANA name such as Asia/Shanghai or UTC)</source>
        <translation>未知的时区“%1”（请使用 IANA 名称，例如 Asia/Shanghai 或 UTC）</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>&quot;%1&quot; is not a TA type (track, track_update, track_overwrite, user_set, user_setOnce, user_add, user_unset, user_append, user_uniq_append, user_del)</source>
        <translation>“%1”不是 TA 类型（track、track_update、track_overwrite、user_set、user_setOnce、user_add、user_unset、user_append、user_uniq_append、user_del）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>type %1 needs &quot;event_id&quot;: the field that identifies the event to update</source>
        <translation>类型 %1 需要“event_id”：用于标识要更新的事件的字段</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>&quot;%1&quot; is not one of: string, number, boolean</source>
        <translation>“%1”不是 string、number、boolean 之一</translation>
    </message>
    <message>
        <location filename="../worker/settings/filterreader.cpp" line="+43"/>
        <source>expected a list of rules</source>
        <translation>此处应为规则列表</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>a rule needs a &quot;name&quot; (drops are counted under it)</source>
        <translation>规则需要“name”（丢弃的事件按它计数）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>another rule is already named &quot;%1&quot;</source>
        <translation>已有另一条名为“%1”的规则</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a rule needs &quot;drop_when&quot;</source>
        <translation>规则需要“drop_when”</translation>
    </message>
    <message>
        <location filename="../worker/transform/settingsset.cpp" line="+23"/>
        <source>%1: the settings folder does not exist</source>
        <translation>%1：设置目录不存在</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: both %2 and %3 exist for app %4; keep one</source>
        <translation>%1：应用 %4 同时存在 %2 和 %3；请只保留一个</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: app %2 has a filter file but no metadata file (metadata.%2.json)</source>
        <translation>%1：应用 %2 有过滤文件但没有元数据文件（metadata.%2.json）</translation>
    </message>
</context>
<context>
    <name>StartCommand</name>
    <message>
        <location filename="../worker/cli/startcommand.cpp" line="+62"/>
        <source>Start the worker as a daemon (pid file, log file) and wait until it answers</source>
        <translation>以守护进程方式启动 worker（pid 文件、日志文件），并等待其回应</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Starts `mtga run -c FILE` in the background, detached from the terminal, and waits until its control socket answers; then prints its pid, socket and version. The worker holds the pid file (control.pid_file, default next to the socket) locked while it runs: a second start is refused; a pid file nobody holds (its worker was killed) is taken over. Its standard output and error go to log.file (default: mtga.log next to the pid file). A worker that dies while starting (settings with errors, the socket in use...) is reported with what it wrote. `mtga stop` stops it. Exit status: 0 running, 1 it failed to start, 2 bad options or configuration, 4 no answer within --timeout (it is left running), 5 already running.</source>
        <translation>在后台启动 `mtga run -c FILE`，使其脱离终端，并等待其控制套接字回应；然后输出其 pid、套接字和版本。worker 运行期间持有并锁定 pid 文件（control.pid_file，默认位于套接字旁）：第二次启动会被拒绝；无人持有的 pid 文件（其 worker 已被杀死）会被接管。其标准输出和标准错误写入 log.file（默认：pid 文件旁的 mtga.log）。worker 若在启动过程中退出（设置有误、套接字被占用……），会连同它输出的内容一起报告。`mtga stop` 可停止它。退出状态：0 正在运行，1 启动失败，2 选项或配置有误，4 未在 --timeout 内回应（它仍在运行），5 已在运行。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Seconds to wait for the worker to answer (default 60: a crash recovery may take a while).</source>
        <translation>等待 worker 回应的秒数（默认 60：崩溃恢复可能需要一段时间）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SECONDS</source>
        <translation>秒数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: unexpected argument &quot;%2&quot;</source>
        <translation>%1：意外的参数“%2”</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1: nothing was started</source>
        <translation>%1：未启动任何进程</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: %2 [%3]</source>
        <translation>%1：%2 [%3]</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: mtga is already running (pid %2, not started by `mtga start`): it answers on %3; nothing was started [already_running]</source>
        <translation>%1：mtga 已在运行（pid %2，不是由 `mtga start` 启动的）：它在 %3 上应答；未启动任何进程 [already_running]</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: something listens on %2 and does not answer; nothing was started [already_running]</source>
        <translation>%1：有进程在 %2 上监听但没有回应；未启动任何进程 [already_running]</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: the pid file %2 was left by pid %3, which is not running: taking it over</source>
        <translation>%1：pid 文件 %2 是 pid %3 留下的，而该进程已不在运行：将接管它</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: the worker (pid %2) %3 while starting; it wrote (%4):</source>
        <translation>%1：worker（pid %2）在启动期间%3；它输出了（%4）：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>mtga (pid %1) started: version %2, socket %3, pid file %4, log %5</source>
        <translation>mtga（pid %1）已启动：版本 %2，套接字 %3，pid 文件 %4，日志 %5</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: the worker (pid %2) did not answer on %3 within %4 s: it is still starting (a long recovery?) or stuck. It is left running: see %5, ask `mtga status -c %6` later, or end it with `mtga stop -c %6`</source>
        <translation>%1：worker（pid %2）未在 %4 秒内在 %3 上回应：它仍在启动（恢复时间较长？）或已卡住。它仍在运行：请查看 %5，稍后用 `mtga status -c %6` 查询，或用 `mtga stop -c %6` 结束它</translation>
    </message>
</context>
<context>
    <name>StatsEvent</name>
    <message>
        <location filename="../shared/values/statsevent.cpp" line="+46"/>
        <source>%1.%2 must be a number</source>
        <translation>%1.%2 必须是数字</translation>
    </message>
</context>
<context>
    <name>StatusCommand</name>
    <message>
        <location filename="../worker/cli/statuscommand.cpp" line="+62"/>
        <source>%1 d %2</source>
        <translation>%1 天 %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 (%2 bytes)</source>
        <translation>%1（%2 字节）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Show a running worker&apos;s state, counters and self-checks</source>
        <translation>显示运行中的 worker 的状态、计数和自检结果</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 message(s)</source>
        <translation>%1 条消息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, %1 behind</source>
        <translation>，落后 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, caught up in %1</source>
        <translation>，预计 %1 后追平</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, not catching up</source>
        <translation>，追不上</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>state</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>health</source>
        <translation>健康状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pid</source>
        <translation>进程号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>uptime</source>
        <translation>运行时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>config</source>
        <translation>配置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partitions</source>
        <translation>分区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lag</source>
        <translation>积压</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failure queue</source>
        <translation>失败队列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retried on a timer</source>
        <translation>定时重试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>written</source>
        <translation>已写入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>filtered</source>
        <translation>已过滤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped on recovery</source>
        <translation>恢复时跳过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>checkpoints</source>
        <translation>检查点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bytes written</source>
        <translation>写入字节</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>counts</source>
        <translation>计数</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FAIL</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>self-check: all %1 passed</source>
        <translation>自检：全部 %1 项通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>self-check: %1 of %2 FAILED</source>
        <translation>自检：%2 项中 %1 项失败</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Asks the worker listening on the control socket for its status and prints it. The socket is --socket PATH, or control.socket of the configuration (-c FILE). Exit status 0 when the worker answered (even with failed self-checks), 1 when it replied an error, 2 for bad options or configuration, 3 when no worker listens on the socket, 4 when it did not answer in time.</source>
        <translation>向在控制套接字上监听的 worker 查询其状态并输出。套接字由 --socket PATH 指定，或取配置（-c FILE）中的 control.socket。退出状态：worker 已回应时为 0（即使有自检失败）；worker 返回错误时为 1；选项或配置有误时为 2；没有 worker 在该套接字上监听时为 3；worker 未及时回应时为 4。</translation>
    </message>
</context>
<context>
    <name>StdioRelay</name>
    <message>
        <location filename="../worker/cli/stdiorelay.cpp" line="+55"/>
        <source>mtga control-stdio: the control socket failed: %1</source>
        <translation>mtga control-stdio：控制套接字出错：%1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>mtga control-stdio: cannot read standard input: %1</source>
        <translation>mtga control-stdio：无法读取标准输入：%1</translation>
    </message>
</context>
<context>
    <name>StopCommand</name>
    <message>
        <location filename="../worker/cli/stopcommand.cpp" line="+100"/>
        <source>Stop a running worker (checkpoint, exit 0) and wait until its process has exited</source>
        <translation>停止运行中的 worker（写检查点，退出状态 0），并等待其进程退出</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sends &quot;stop&quot; to the worker listening on the control socket: it writes what it took, checkpoints and exits 0, as on SIGTERM. Then waits until its process has exited, at most --wait seconds (default 60). With --kill-after S it waits S seconds instead and then ends the worker with SIGKILL: events since its last checkpoint are consumed again at the next start, nothing is lost. A pid file the worker left (it was killed) is removed. With --ssh it waits until the remote socket answers no more (--kill-after needs the worker on this machine). Exit status: 0 stopped, 1 an error, still running, or killed, 2 bad options, 3 no worker listening, 4 no answer in time, 6 ssh failed.</source>
        <translation>向在控制套接字上监听的 worker 发送“stop”：它会写出已取得的数据、保存检查点并以状态 0 退出，与收到 SIGTERM 时相同。然后等待其进程退出，最多等待 --wait 秒（默认 60）。指定 --kill-after S 时改为等待 S 秒，然后用 SIGKILL 结束 worker：自上次检查点以来的事件会在下次启动时重新消费，不会丢失。worker 留下的 pid 文件（它被杀死时）会被删除。指定 --ssh 时，会一直等到远程套接字不再回应（--kill-after 要求 worker 在本机上）。退出状态：0 已停止，1 出错、仍在运行或已被强制结束，2 选项有误，3 没有 worker 监听，4 未及时回应，6 ssh 失败。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Seconds to wait for the worker&apos;s process to exit (default 60).</source>
        <translation>等待 worker 进程退出的秒数（默认 60）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>SECONDS</source>
        <translation>秒数</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Send SIGKILL when the process is still there after SECONDS (instead of giving up after --wait).</source>
        <translation>进程在指定秒数后仍存在时发送 SIGKILL（而不是在 --wait 之后放弃）。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>--kill-after needs the worker on this machine: run `ssh %1 mtga stop --kill-after %2` instead</source>
        <translation>--kill-after 要求 worker 在本机上：请改为运行 `ssh %1 mtga stop --kill-after %2`</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the worker is stopping but did not say its process id (&quot;pid&quot;); not waiting</source>
        <translation>worker 正在停止，但没有给出其进程 ID（“pid”）；不等待</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>mtga (pid %1) on %2 stopped</source>
        <translation>%2 上的 mtga（pid %1）已停止</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>mtga (pid %1) stopped</source>
        <translation>mtga（pid %1）已停止</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: the worker (pid %2) is still running after %3 s; it may still be writing its checkpoint (wait longer with --wait, or end it with --kill-after)</source>
        <translation>%1：worker（pid %2）在 %3 秒后仍在运行；它可能仍在写检查点（用 --wait 等待更久，或用 --kill-after 结束它）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: the worker (pid %2) did not stop within %3 s and SIGKILL failed: %4</source>
        <translation>%1：worker（pid %2）未在 %3 秒内停止，且 SIGKILL 失败：%4</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: the worker (pid %2) is still there after SIGKILL</source>
        <translation>%1：发送 SIGKILL 后 worker（pid %2）仍然存在</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: the worker (pid %2) did not stop within %3 s and was killed (SIGKILL): events since the last checkpoint are consumed again, nothing is lost</source>
        <translation>%1：worker（pid %2）未在 %3 秒内停止，已被强制结束（SIGKILL）：自上次检查点以来的事件会重新消费，不会丢失</translation>
    </message>
</context>
<context>
    <name>Store</name>
    <message>
        <location filename="../worker/store/store.cpp" line="+147"/>
        <source>%1: cannot create the store folder</source>
        <translation>%1：无法创建存储目录</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1: cannot open the store: %2</source>
        <translation>%1：无法打开存储：%2</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1: store format %2 is not the supported format %3</source>
        <translation>%1：存储格式 %2 不是支持的格式 %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: cannot read the audit log: %2</source>
        <translation>%1：无法读取审计日志：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: cannot read the failure queue: %2</source>
        <translation>%1：无法读取失败队列：%2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1: store write failed: %2</source>
        <translation>%1：存储写入失败：%2</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>cannot read the checkpoints: %1</source>
        <translation>无法读取检查点：%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>cannot read the file records: %1</source>
        <translation>无法读取文件记录：%1</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+14"/>
        <location filename="../worker/store/storefailures.cpp" line="+12"/>
        <source>cannot read the failure queue: %1</source>
        <translation>无法读取失败队列：%1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>cannot read the audit log: %1</source>
        <translation>无法读取审计日志：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>cannot read the store&apos;s metadata: %1</source>
        <translation>无法读取存储的元数据：%1</translation>
    </message>
    <message>
        <location filename="../worker/store/storejournal.cpp" line="+14"/>
        <source>cannot read the offset-reset journal: %1</source>
        <translation>无法读取偏移量重置日志：%1</translation>
    </message>
    <message>
        <location filename="../worker/store/storehealth.cpp" line="+37"/>
        <source>cannot read the health records: %1</source>
        <translation>无法读取健康记录：%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1: cannot write the health records: %2</source>
        <translation>%1：无法写入健康记录：%2</translation>
    </message>
    <message>
        <location filename="../worker/store/storealerts.cpp" line="+32"/>
        <source>cannot read the alert history: %1</source>
        <translation>无法读取告警历史：%1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1: cannot write the alert history: %2</source>
        <translation>%1：无法写入告警历史：%2</translation>
    </message>
</context>
<context>
    <name>TransformCommand</name>
    <message>
        <location filename="../worker/cli/transformcommand.cpp" line="+55"/>
        <source>Transform message values from standard input into TA lines (try settings offline)</source>
        <translation>把标准输入中的消息转换为 TA 日志行（离线试验设置）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reads one Kafka message value per line from standard input (or one binary payload with --payload-file), writes TA event lines to standard output, and reports each filtered or failed record on standard error as one JSON line, then a summary. Exit status 0 when it ran, whatever the outcomes; 2 when the settings are invalid.</source>
        <translation>从标准输入每行读取一条 Kafka 消息内容（或用 --payload-file 读取一个二进制内容），把 TA 事件行写到标准输出，并把每条被过滤或失败的记录以一行 JSON 报告到标准错误，最后输出汇总。只要运行完成，不论结果如何退出码都为 0；设置无效时为 2。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Settings folder (required).</source>
        <translation>设置目录（必填）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DIR</source>
        <translation>目录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Topic, for #uuid (default mulog_clean_24).</source>
        <translation>主题，用于生成 #uuid（默认 mulog_clean_24）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partition, for #uuid (default 0).</source>
        <translation>分区，用于生成 #uuid（默认 0）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+4"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Offset of the first input line; each line adds one (default 0).</source>
        <translation>第一行输入的偏移量；每行加一（默认 0）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none, snappy or auto (default auto).</source>
        <translation>none、snappy 或 auto（默认 auto）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CODEC</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read one binary message value (e.g. a snappy block) from this file.</source>
        <translation>从该文件读取一条二进制消息内容（例如一个 snappy 块）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Processing time in epoch milliseconds, for events without a time (default: the current time).</source>
        <translation>处理时间（Unix 毫秒），用于没有时间的事件（默认：当前时间）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>MS</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: --settings is required</source>
        <translation>%1：必须指定 --settings</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>--payload-codec must be none, snappy or auto, not &quot;%1&quot;</source>
        <translation>--payload-codec 必须是 none、snappy 或 auto，而不是“%1”</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>transform: %1 message(s), %2 event(s) written, %3 filtered, %4 failed</source>
        <translation>transform：%1 条消息，写出 %2 个事件，过滤 %3 个，失败 %4 个</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>  filtered by %1: %2</source>
        <translation>  被 %1 过滤：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>  failed with %1: %2</source>
        <translation>  因 %1 失败：%2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>  TA format warnings for %1: %2</source>
        <translation>  %1 的 TA 格式警告：%2</translation>
    </message>
</context>
<context>
    <name>UndoResetCommand</name>
    <message>
        <location filename="../worker/cli/resetoffsetscommand.cpp" line="+19"/>
        <source>Undo an applied offset reset (dry run unless --execute)</source>
        <translation>撤销已应用的偏移量重置（除非指定 --execute，否则为试运行）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Moves the partitions of an applied reset back to the offsets they had before it: the newest reset not undone yet, or journal entry --id. Without --execute it only shows what that would do, as reset_offsets. Needs admin rights. Exit status as reset_offsets.</source>
        <translation>把某次已应用重置所涉及的分区移回重置前的偏移量：默认为最新一次尚未撤销的重置，或用 --id 指定重置日志条目。不指定 --execute 时只显示将做什么，与 reset_offsets 相同。需要管理员权限。退出状态与 reset_offsets 相同。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print the worker&apos;s answer as one JSON line.</source>
        <translation>把 worker 的回复输出为一行 JSON。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The journal entry to undo (mtga reset_journal).</source>
        <translation>要撤销的重置日志条目（见 mtga reset_journal）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply it.</source>
        <translation>执行撤销。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--id needs a journal entry&apos;s number</source>
        <translation>--id 需要重置日志条目的编号</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: undoing journal entry %2</source>
        <translation>%1：正在撤销重置日志条目 %2</translation>
    </message>
</context>
<context>
    <name>WatermarkMonitor</name>
    <message>
        <location filename="../worker/source/watermarkmonitor.cpp" line="+73"/>
        <source>cannot ask the cluster for Low/High: %1</source>
        <translation>无法向集群查询 Low/High：%1</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>cannot ask the cluster for the offsets at a time: %1</source>
        <translation>无法向集群查询某一时间对应的偏移量：%1</translation>
    </message>
</context>
<context>
    <name>WorkerCommands</name>
    <message>
        <location filename="../worker/control/workercommands.cpp" line="+42"/>
        <source>limit must be from 1 to %1, not %2</source>
        <translation>limit 必须在 1 到 %1 之间，而不是 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>give a topic and a partition number</source>
        <translation>请指定 topic 和分区号</translation>
    </message>
</context>
<context>
    <name>WorkerConfig</name>
    <message>
        <location filename="../worker/config/configtree.cpp" line="+163"/>
        <source>environment %1</source>
        <translation>环境变量 %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>nothing</source>
        <translation>空值</translation>
    </message>
    <message>
        <location filename="../worker/config/configreader.cpp" line="+206"/>
        <location filename="../worker/config/configtree.cpp" line="+2"/>
        <source>a single value</source>
        <translation>单个值</translation>
    </message>
    <message>
        <location filename="../worker/config/configtree.cpp" line="+2"/>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a map</source>
        <translation>映射</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>too many values (more than %1); are aliases repeated?</source>
        <translation>值过多（超过 %1 个）；是否重复使用了别名？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>values nest more than %1 levels deep; does an alias refer to itself?</source>
        <translation>值的嵌套超过 %1 层；是否有别名引用了自身？</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>keys must be plain names, found %1</source>
        <translation>键必须是普通名称，实际为 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an empty key</source>
        <translation>空键</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>duplicate key (first set on line %1)</source>
        <translation>重复的键（首次设置于第 %1 行）</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>%1: is a folder, not a configuration file</source>
        <translation>%1：是目录，而不是配置文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: cannot read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>only one YAML document is allowed</source>
        <translation>只允许一个 YAML 文档</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>expected a map of sections (kafka, pipeline, sink, store, control, log, health, alerts, metrics), found %1</source>
        <translation>应为各节（kafka、pipeline、sink、store、control、log、health、alerts、metrics）的映射，实际为 %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>invalid YAML: %1</source>
        <translation>无效的 YAML：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: cannot parse: %2</source>
        <translation>%1：无法解析：%2</translation>
    </message>
    <message>
        <location filename="../worker/config/configreader.cpp" line="-178"/>
        <location line="+224"/>
        <source>expected %1, found %2</source>
        <translation>应为 %1，实际为 %2</translation>
    </message>
    <message>
        <location line="-206"/>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>an integer</source>
        <translation>整数</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+22"/>
        <location line="+26"/>
        <location line="+28"/>
        <source>expected %1, found &quot;%2&quot;</source>
        <translation>应为 %1，实际为“%2”</translation>
    </message>
    <message>
        <location line="-71"/>
        <location line="+26"/>
        <location line="+22"/>
        <source>%1 is out of range (%2 to %3)</source>
        <translation>%1 超出范围（%2 到 %3）</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>a size such as 64MiB, 1GiB, 512KiB, 1MB or a number of bytes</source>
        <translation>大小值，例如 64MiB、1GiB、512KiB、1MB 或字节数</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 is out of range (0, or %2 to %3)</source>
        <translation>%1 超出范围（0，或 %2 到 %3）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>a duration such as 10s, 500ms, 2m, 1h or a number of milliseconds</source>
        <translation>时长，例如 10s、500ms、2m、1h 或毫秒数</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>one of: %1</source>
        <translation>以下之一：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;%1&quot; is not one of: %2</source>
        <translation>“%1”不是以下之一：%2</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>expected a list, found %1</source>
        <translation>应为列表，实际为 %1</translation>
    </message>
    <message>
        <location filename="../worker/config/configenvironment.cpp" line="+125"/>
        <source>unterminated &quot;${&quot;: write ${NAME}, or $${ for a literal &quot;${&quot;</source>
        <translation>未闭合的“${”：请写作 ${NAME}；字面量“${”请写作 $${</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;${%1}&quot; is not a valid environment variable name</source>
        <translation>“${%1}”不是有效的环境变量名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>environment variable %1 is not set</source>
        <translation>环境变量 %1 未设置</translation>
    </message>
    <message>
        <location filename="../worker/config/configreader.cpp" line="-148"/>
        <source>a path cannot hold a NUL character</source>
        <translation>路径中不能包含 NUL 字符</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>&quot;%1&quot; is not a valid topic name (letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;, at most 249)</source>
        <translation>“%1”不是有效的主题名（只能包含字母、数字、&apos;.&apos;、&apos;_&apos; 和 &apos;-&apos;，最多 249 个字符）</translation>
    </message>
    <message>
        <location filename="../worker/config/kafkasection.cpp" line="+34"/>
        <source>topic &quot;%1&quot; is listed twice</source>
        <translation>主题“%1”被列出了两次</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>needs at least one topic</source>
        <translation>至少需要一个主题</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>&quot;%1&quot; is not &quot;topic:partition&quot; (such as mulog_clean_24:0)</source>
        <translation>“%1”不是“topic:partition”格式（例如 mulog_clean_24:0）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;%1&quot; is listed twice</source>
        <translation>“%1”被列出了两次</translation>
    </message>
    <message>
        <location filename="../worker/config/configreader.cpp" line="+137"/>
        <source>expected a map of librdkafka properties, found %1</source>
        <translation>应为由 librdkafka 属性组成的映射，实际为 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>expected a value, found nothing</source>
        <translation>应为一个值，实际为空</translation>
    </message>
    <message>
        <location filename="../worker/config/sinksection.cpp" line="+24"/>
        <source>&quot;%1&quot; is not a valid instance name (letters, digits, &apos;_&apos; and &apos;-&apos;, at most %2)</source>
        <translation>“%1”不是有效的实例名（只能包含字母、数字、&apos;_&apos; 和 &apos;-&apos;，最多 %2 个字符）</translation>
    </message>
    <message>
        <location filename="../worker/config/configenvironment.cpp" line="-102"/>
        <source>a whole section cannot be set from the environment; name a key, as in MTGA_%1_&lt;KEY&gt;</source>
        <translation>不能通过环境变量设置整个配置节；请指定键，例如 MTGA_%1_&lt;KEY&gt;</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../worker/config/configschema.cpp" line="+78"/>
        <source>unknown key, expected one of: %1</source>
        <translation>未知的键，应为以下之一：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a map cannot be set from the environment; use ${VAR} in the file instead</source>
        <translation>不能通过环境变量设置映射；请改为在文件中使用 ${VAR}</translation>
    </message>
    <message>
        <location filename="../worker/config/configschema.cpp" line="-20"/>
        <source>unknown section, expected one of: %1</source>
        <translation>未知的配置节，应为以下之一：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>expected a map of keys (%1), found %2</source>
        <translation>应为由键组成的映射（%1），实际为 %2</translation>
    </message>
    <message>
        <location filename="../worker/config/workerconfig.cpp" line="+50"/>
        <source>static assignment needs kafka.partitions (&quot;topic:partition&quot; entries)</source>
        <translation>静态分配需要 kafka.partitions（“topic:partition”形式的条目）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>topic &quot;%1&quot; is not in kafka.topics</source>
        <translation>主题“%1”不在 kafka.topics 中</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>must not be empty with group assignment</source>
        <translation>使用消费组分配时不能为空</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>type kafka needs sink.kafka_brokers</source>
        <translation>类型为 kafka 时需要 sink.kafka_brokers</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>type kafka needs sink.kafka_topic</source>
        <translation>类型为 kafka 时需要 sink.kafka_topic</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 is larger than pipeline.queue_max_bytes (%2): such a record could never be queued</source>
        <translation>%1 大于 pipeline.queue_max_bytes（%2）：这样的记录永远无法进入队列</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 is shorter than health.stall_after (%2): a partition stalls before it can be stopped</source>
        <translation>%1 短于 health.stall_after（%2）：分区在被判为停止之前就已停滞</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the socket path %1 is %2 bytes long; a Unix socket path holds at most %3</source>
        <translation>套接字路径 %1 长 %2 字节；Unix 套接字路径最多只能有 %3 字节</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: the configuration file does not exist</source>
        <translation>%1：配置文件不存在</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1: cannot read the configuration: %2</source>
        <translation>%1：无法读取配置：%2</translation>
    </message>
    <message>
        <location filename="../worker/config/workerconfigyaml.cpp" line="+180"/>
        <location line="+13"/>
        <source>cannot write the configuration: %1</source>
        <translation>无法写入配置：%1</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>read from %1</source>
        <translation>读取自 %1</translation>
    </message>
    <message>
        <location filename="../worker/config/alertssection.cpp" line="+43"/>
        <source>&quot;%1&quot; is not [FORMAT:]URL with an http or https URL (FORMAT: generic, wecom, dingtalk, feishu or slack)</source>
        <translation>“%1”不是带 http 或 https URL 的 [FORMAT:]URL（FORMAT：generic、wecom、dingtalk、feishu 或 slack）</translation>
    </message>
    <message>
        <location filename="../worker/config/metricssection.cpp" line="+24"/>
        <source>&quot;%1&quot; is not PORT or HOST:PORT (an IP address or localhost)</source>
        <translation>“%1”不是 PORT 或 HOST:PORT（HOST 为 IP 地址或 localhost）</translation>
    </message>
</context>
<context>
    <name>WorkerMetrics</name>
    <message>
        <location filename="../worker/metrics/workermetrics.cpp" line="+163"/>
        <source>no pipeline runs</source>
        <translation>没有运行中的流水线</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a partition is %1 (mtga offset_checker)</source>
        <translation>有分区处于 %1 状态（mtga offset_checker）</translation>
    </message>
</context>
<context>
    <name>WorkerSignals</name>
    <message>
        <location filename="../worker/cli/workersignals.cpp" line="+16"/>
        <source>Settings reloaded.</source>
        <translation>设置已重新加载。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings not reloaded, the previous ones stay: %1</source>
        <translation>设置未重新加载，继续沿用之前的设置：%1</translation>
    </message>
</context>
<context>
    <name>WorkerSpec</name>
    <message>
        <location filename="../gui/session/workerspec.cpp" line="+28"/>
        <source>Enter a socket path, a configuration file or an ssh:// address.</source>
        <translation>请输入套接字路径、配置文件或 ssh:// 地址。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;%1&quot; is not ssh://[user@]host[:port]/path/to/mtga.sock</source>
        <translation>“%1”不是 ssh://[用户@]主机[:端口]/path/to/mtga.sock</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; names no socket: add its path on the host, as in ssh://%2/srv/mtga/data/mtga.sock</source>
        <translation>“%1”没有指定套接字：请加上它在主机上的路径，例如 ssh://%2/srv/mtga/data/mtga.sock</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ssh</source>
        <translation>ssh</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../worker/main.cpp" line="+25"/>
        <source>mtga: this build needs a CPU with AVX2, BMI2 and PCLMUL; rebuild with -DMTGA_PORTABLE=ON for this machine.
</source>
        <translation>mtga：此版本需要支持 AVX2、BMI2 和 PCLMUL 的 CPU；请在本机用 -DMTGA_PORTABLE=ON 重新构建。
</translation>
    </message>
    <message>
        <location filename="../gui/main.cpp" line="+33"/>
        <source>The mtga operators&apos; console: watch workers&apos; lag and failure queues, and steer them.</source>
        <translation>mtga 运维控制台：监控 worker 的积压和失败队列，并操控它们。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Watch this worker for this run (a socket path, a configuration file or ssh://[user@]host[:port]/path); may be repeated; the first is shown.</source>
        <translation>本次运行中监控此 worker（套接字路径、配置文件或 ssh://[用户@]主机[:端口]/路径）；可重复指定；显示第一个。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Render the window to this PNG file once the worker&apos;s data is in, and exit.</source>
        <translation>在 worker 的数据到达后把窗口渲染到此 PNG 文件，然后退出。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>With --screenshot: render this dialog instead (%1).</source>
        <translation>与 --screenshot 一起使用：改为渲染此对话框（%1）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep the console&apos;s settings in this file instead of the user&apos;s.</source>
        <translation>把控制台的设置保存在此文件中，而不是用户的设置中。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>--dialog takes one of %1, not &quot;%2&quot;</source>
        <translation>--dialog 只接受 %1 之一，而不是“%2”</translation>
    </message>
</context>
<context>
    <name>mtga::AlertService</name>
    <message>
        <location filename="../worker/alerts/alertservice.cpp" line="+91"/>
        <source>an error in the worker&apos;s log (%1)</source>
        <translation>worker 日志中的错误（%1）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 entries in the failure queue</source>
        <translation>失败队列中有 %1 条</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the failure queue passed %1 entries</source>
        <translation>失败队列超过 %1 条</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the failure queue is below %1 entries again</source>
        <translation>失败队列已重新低于 %1 条</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>self-check %1 failed</source>
        <translation>自检 %1 失败</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>self-check %1 passes again</source>
        <translation>自检 %1 已重新通过</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>limit must be from 1 to %1, not %2</source>
        <translation>limit 必须在 1 到 %1 之间，而不是 %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>a test alert: this receiver works</source>
        <translation>测试告警：此接收方可用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent by mtga alerts test</source>
        <translation>由 mtga alerts test 发送</translation>
    </message>
</context>
<context>
    <name>mtga::ControlServer</name>
    <message>
        <location filename="../worker/control/controlserver.cpp" line="+123"/>
        <source>cannot create the directory of the control socket %1</source>
        <translation>无法创建控制套接字 %1 所在的目录</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 exists and is not a socket; remove it or set another control.socket</source>
        <translation>%1 已存在且不是套接字；请删除它或设置另一个 control.socket</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>another mtga is already listening on %1</source>
        <translation>已有另一个 mtga 在 %1 上监听</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 belongs to another user, who may be running mtga on it; set another control.socket</source>
        <translation>%1 属于另一个用户，其可能正在用它运行 mtga；请设置另一个 control.socket</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>something holds %1 but does not answer (%2); is another mtga stuck?</source>
        <translation>有进程占用 %1 但没有回应（%2）；是否有另一个 mtga 卡住了？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>cannot remove the stale control socket %1</source>
        <translation>无法删除残留的控制套接字 %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>cannot listen on %1: %2</source>
        <translation>无法在 %1 上监听：%2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the worker serves at most %1 control connections at once (control.max_connections); try again later</source>
        <translation>worker 最多同时服务 %1 个控制连接（control.max_connections）；请稍后再试</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>the request line is longer than %1 bytes</source>
        <translation>请求行超过 %1 字节</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>the reply to &quot;%1&quot; would be longer than %2 bytes; ask for less (a smaller page)</source>
        <translation>“%1”的回复将超过 %2 字节；请少取一些（更小的分页）</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>unknown command &quot;%1&quot;; this worker knows: %2</source>
        <translation>未知命令“%1”；此 worker 支持：%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;%1&quot; changes the worker and is only for admins: uid %2 (gid %3) is in neither control.admin_uids nor control.admin_gids</source>
        <translation>“%1”会改变 worker，仅限管理员：uid %2（gid %3）既不在 control.admin_uids 中，也不在 control.admin_gids 中</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;%1&quot; changes the worker and is only for admins, and the worker could not tell who you are</source>
        <translation>“%1”会改变 worker，仅限管理员，而 worker 无法识别你的身份</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&quot;%1&quot; failed inside the worker: %2</source>
        <translation>“%1”在 worker 内部执行失败：%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>this worker speaks control protocol %1, not %2; use a matching mtga or mtga-console</source>
        <translation>此 worker 使用控制协议 %1，而不是 %2；请使用匹配版本的 mtga 或 mtga-console</translation>
    </message>
</context>
<context>
    <name>mtga::SshTransport</name>
    <message>
        <location filename="../shared/sshtransport.cpp" line="+112"/>
        <source>cannot run the ssh program &quot;%1&quot; to reach %2: %3 ($MTGA_SSH names it)</source>
        <translation>无法运行 ssh 程序“%1”以连接 %2：%3（由 $MTGA_SSH 指定）</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>no message</source>
        <translation>无错误信息</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ssh to %1 was ended by a signal: %2</source>
        <translation>到 %1 的 ssh 被信号终止：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>on %1: %2</source>
        <translation>在 %1 上：%2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the worker on %1 closed the connection (did it stop?)</source>
        <translation>%1 上的 worker 关闭了连接（它停止了吗？）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ssh could not reach %1 or log in there: %2</source>
        <translation>ssh 无法连接到 %1 或无法登录：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; could not be run on %2 (exit %3: %4); is mtga installed there? $MTGA_SSH_MTGA names the command that runs it</source>
        <translation>无法在 %2 上运行“%1”（退出码 %3：%4）；那里是否安装了 mtga？$MTGA_SSH_MTGA 指定运行它的命令</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>mtga control-stdio on %1 failed (exit %2): %3</source>
        <translation>%1 上的 mtga control-stdio 失败（退出码 %2）：%3</translation>
    </message>
</context>
<context>
    <name>mtga::StatsSubscriptions</name>
    <message>
        <location filename="../worker/control/subscriptions.cpp" line="+78"/>
        <source>interval_ms must be from %1 to %2, not %3</source>
        <translation>interval_ms 必须在 %1 到 %2 之间，而不是 %3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>topics must be names (strings), not %1</source>
        <translation>topics 必须是名称（字符串），而不是 %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>partitions must be &quot;topic:N&quot; strings, or partition numbers with exactly one topic in topics; not %1</source>
        <translation>partitions 必须是“topic:N”字符串，或者在 topics 中恰好有一个主题时为分区号；而不是 %1</translation>
    </message>
</context>
<context>
    <name>mtga::TrafficProducer</name>
    <message>
        <location filename="../worker/demo/trafficproducer.cpp" line="+106"/>
        <source>Cannot produce to %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 event(s) not acknowledged by Kafka after %2 ms</source>
        <translation>%2 毫秒后仍有 %1 个事件未被 Kafka 确认</translation>
    </message>
</context>
<context>
    <name>mtga::WebhookSender</name>
    <message>
        <location filename="../worker/alerts/webhooksender.cpp" line="+134"/>
        <source>HTTP status %1</source>
        <translation>HTTP 状态码 %1</translation>
    </message>
</context>
<context>
    <name>mtga::WorkerConnection</name>
    <message>
        <location filename="../shared/workerconnection.cpp" line="+65"/>
        <source>the call was cancelled: the connection to %1 was closed</source>
        <translation>调用已取消：到 %1 的连接已关闭</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>not connected to %1: the connection is not open</source>
        <translation>未连接到 %1：连接尚未打开</translation>
    </message>
</context>
<context>
    <name>mtga::WorkerHost</name>
    <message>
        <location filename="../worker/host/workerhost.cpp" line="+49"/>
        <source>a pipeline is running or changing; stop it first</source>
        <translation>已有流水线在运行或正在切换；请先停止它</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>no pipeline was created to start</source>
        <translation>没有可启动的流水线（尚未创建）</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>no pipeline runs in this worker</source>
        <translation>此 worker 中没有运行的流水线</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no pipeline runs in this worker: the last one did not start: %1</source>
        <translation>此 worker 中没有运行的流水线：上一个未能启动：%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the worker stopped before the new pipeline started</source>
        <translation>新流水线启动前 worker 已停止</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>this worker was started without a configuration file to read again</source>
        <translation>此 worker 启动时未使用配置文件，无法重新读取配置</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the pipeline is already starting or stopping; try again when it has</source>
        <translation>流水线正在启动或停止；请在其完成后重试</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>the pipeline is starting or stopping; reload when it runs (a restart reads the settings anyway)</source>
        <translation>流水线正在启动或停止；请在其运行后再重新加载（重启时本来就会读取设置）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no pipeline is running to reload its settings</source>
        <translation>没有运行中的流水线可重新加载设置</translation>
    </message>
</context>
<context>
    <name>mtga::cli::PipelineProgress</name>
    <message>
        <location filename="../worker/cli/pipelineprogress.cpp" line="+42"/>
        <source>[%1] written %2 (%3/s), filtered %4, failed %5, lag %6, %7 partition(s), %8 checkpoint(s)</source>
        <translation>[%1] 已写入 %2（%3/s），已过滤 %4，失败 %5，积压 %6，%7 个分区，%8 个检查点</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>, %1 already in the files after a crash</source>
        <translation>，崩溃后发现 %1 条已在文件中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; last error: %1</source>
        <translation>；最近一次错误：%1</translation>
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
    <name>mtga::gui::AddWorkerDialog</name>
    <message>
        <location filename="../gui/dialogs/addworkerdialog.cpp" line="+18"/>
        <source>Add worker</source>
        <translation>添加 worker</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>/srv/mtga/data/mtga.sock</source>
        <translation>/srv/mtga/data/mtga.sock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>optional: how the list names it</source>
        <translation>可选：列表中显示的名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A control socket (/srv/mtga/data/mtga.sock), a configuration file (/etc/mtga/mtga.yml) or a worker on another machine (ssh://ops@game-01/srv/mtga/data/mtga.sock; your ssh keys and agent apply).</source>
        <translation>控制套接字（/srv/mtga/data/mtga.sock）、配置文件（/etc/mtga/mtga.yml），或另一台机器上的 worker（ssh://ops@game-01/srv/mtga/data/mtga.sock；使用你的 ssh 密钥和 agent）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Worker:</source>
        <translation>Worker(&amp;W)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
</context>
<context>
    <name>mtga::gui::AlertListModel</name>
    <message>
        <location filename="../gui/alerts/alertlistmodel.cpp" line="+48"/>
        <source>firing</source>
        <translation>告警中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>resolved</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partitions</source>
        <translation>分区</translation>
    </message>
</context>
<context>
    <name>mtga::gui::AlertsPanel</name>
    <message>
        <location filename="../gui/panels/alertspanel.cpp" line="+28"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Not connected: %1</source>
        <translation>未连接：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No worker is selected.</source>
        <translation>未选择 worker。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No alerts: nothing has gone wrong on this worker.</source>
        <translation>没有告警：此 worker 一切正常。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n alert(s), newest first</source>
        <translation>
            <numerusform>%n 条告警，最新的在前</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mtga::gui::ClearFailuresDialog</name>
    <message>
        <location filename="../gui/dialogs/clearfailuresdialog.cpp" line="+28"/>
        <source>Counting the failure queue…</source>
        <translation>正在统计失败队列…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export them first, on the worker&apos;s machine, to:</source>
        <translation>先导出到 worker 所在机器上的文件(&amp;E)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear failure queue — %1</source>
        <translation>清空失败队列 — %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The entries are deleted for good; the worker records the clear in its audit log.</source>
        <translation>条目将被永久删除；worker 会在审计日志中记录这次清空。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not connected: %1</source>
        <translation>未连接：%1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The failure queue is empty: nothing to delete.</source>
        <translation>失败队列为空：没有可删除的条目。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete %1 entries: %2.</source>
        <translation>删除 %1 个条目：%2。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not count the failure queue: %1</source>
        <translation>无法统计失败队列：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Delete %n entries</source>
        <translation>
            <numerusform>删除 %n 个条目</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The export failed, nothing was deleted: %1</source>
        <translation>导出失败，未删除任何条目：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exported %1 entries to %2. </source>
        <translation>已导出 %1 个条目到 %2。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Deleting…</source>
        <translation>正在删除…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The clear failed: %1</source>
        <translation>清空失败：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Deleted %1 entries; %2 left.</source>
        <translation>已删除 %1 个条目；剩余 %2 个。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(%1 had arrived since the count.)</source>
        <translation>（其中 %1 个是统计之后新到的。）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>mtga::gui::ConfigSocketLookup</name>
    <message>
        <location filename="../gui/session/configsocketlookup.cpp" line="+56"/>
        <source>cannot run %1 to read %2: %3</source>
        <translation>无法运行 %1 来读取 %2：%3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>reading %1 took too long (mtga config check)</source>
        <translation>读取 %1 超时（mtga config check）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 is not a valid configuration</source>
        <translation>%1 不是有效的配置</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 names no control socket (control.socket)</source>
        <translation>%1 中没有指定控制套接字（control.socket）</translation>
    </message>
</context>
<context>
    <name>mtga::gui::DesktopNotifier</name>
    <message numerus="yes">
        <location filename="../gui/alerts/desktopnotifier.cpp" line="+63"/>
        <source>%1 on %n partition(s): %2</source>
        <translation>
            <numerusform>%n 个分区处于 %1：%2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>recovered: %1</source>
        <translation>已恢复：%1</translation>
    </message>
</context>
<context>
    <name>mtga::gui::FailureListModel</name>
    <message>
        <location filename="../gui/failures/failurelistmodel.cpp" line="+29"/>
        <source>Not connected: %1</source>
        <translation>未连接：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No worker is selected.</source>
        <translation>未选择 worker。</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Last attempt</source>
        <translation>最近尝试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offset</source>
        <translation>offset</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>信息</translation>
    </message>
</context>
<context>
    <name>mtga::gui::FailuresPanel</name>
    <message>
        <location filename="../gui/panels/failurespanel.cpp" line="+49"/>
        <source>Retry selected…</source>
        <translation>重试所选…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry all shown…</source>
        <translation>重试列出的全部…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export shown…</source>
        <translation>导出列出的…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n entry(ies)</source>
        <translation>
            <numerusform>%n 个条目</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 shown, more as you scroll</source>
        <translation>已显示 %1 个，滚动加载更多</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>All reasons (%1)</source>
        <translation>所有原因（%1）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All reasons</source>
        <translation>所有原因</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No worker is selected.</source>
        <translation>未选择 worker。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&lt;b&gt;%1:%2 offset %3, record %4&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1:%2 offset %3，记录 %4&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>stage %1, reason %2%3</source>
        <translation>阶段 %1，原因 %2%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, field %1</source>
        <translation>，字段 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>app %1, log %2</source>
        <translation>应用 %1，日志 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 attempt(s): first %2, last %3</source>
        <translation>尝试 %1 次：首次 %2，最近 %3</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>could not count the entries to retry: %1</source>
        <translation>无法统计要重试的条目：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Retry failed events?</source>
        <translation>重试失败的事件吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try %1 entries again with the settings in force now. Those that succeed are written and leave the queue; the others stay with one more attempt.</source>
        <translation>用当前生效的设置重试 %1 个条目。成功的会被写入并离开队列；其余的留在队列中，尝试次数加一。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Retry %1</source>
        <translation>重试 %1 个</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>retry failed: %1</source>
        <translation>重试失败：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>retried %1: %2 written, %3 filtered, %4 still failing</source>
        <translation>已重试 %1 个：写入 %2，过滤 %3，仍失败 %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>; the output refused lines: %1</source>
        <translation>；输出拒绝了部分行：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export failed events</source>
        <translation>导出失败的事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File on the worker&apos;s machine (absolute, must not exist yet):</source>
        <translation>worker 所在机器上的文件（绝对路径，且尚不存在）：</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>exported %1 entries (%2 bytes) to %3</source>
        <translation>已导出 %1 个条目（%2 字节）到 %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
</context>
<context>
    <name>mtga::gui::InspectorPanel</name>
    <message>
        <location filename="../gui/panels/inspectorpanel.cpp" line="+35"/>
        <source>Choose a partition.</source>
        <translation>请选择一个分区。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sample again</source>
        <translation>重新采样</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Partition:</source>
        <translation>分区：</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Not connected: %1</source>
        <translation>未连接：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No worker is selected.</source>
        <translation>未选择 worker。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Asking the worker…</source>
        <translation>正在询问 worker…</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n message(s), newest first</source>
        <translation>
            <numerusform>%n 条消息，最新的在前</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mtga::gui::LagChartPanel</name>
    <message>
        <location filename="../gui/chart/lagchartpanel.cpp" line="+53"/>
        <source>Last 15 minutes</source>
        <translation>最近 15 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 6 hours</source>
        <translation>最近 6 小时</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lag (messages)</source>
        <translation>积压（消息数）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>messages/s</source>
        <translation>消息/秒</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>total lag</source>
        <translation>总积压</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>consumed/s</source>
        <translation>消费/秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>written/s</source>
        <translation>写入/秒</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>offset reset</source>
        <translation>offset 重置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>restart</source>
        <translation>重启</translation>
    </message>
</context>
<context>
    <name>mtga::gui::LagHistory</name>
    <message>
        <location filename="../gui/session/laghistory.cpp" line="+10"/>
        <source>pipeline restarted</source>
        <translation>流水线已重启</translation>
    </message>
</context>
<context>
    <name>mtga::gui::LanguageMenu</name>
    <message>
        <location filename="../gui/widgets/languagemenu.cpp" line="+16"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The console speaks %1 from its next start.</source>
        <translation>控制台下次启动时将使用 %1。</translation>
    </message>
</context>
<context>
    <name>mtga::gui::MainWindow</name>
    <message>
        <location filename="../gui/mainwindow.cpp" line="+58"/>
        <source>mtga console</source>
        <translation>mtga 控制台</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Partitions</source>
        <translation>分区(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lag &amp;chart</source>
        <translation>积压图表(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Failures</source>
        <translation>失败(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Inspector</source>
        <translation>检查器(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ale&amp;rts</source>
        <translation>告警(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Activity</source>
        <translation>操作记录(&amp;A)</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Worker</source>
        <translation>Worker(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add worker…</source>
        <translation>添加 worker(&amp;A)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Worker %1</source>
        <translation>Worker %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Filter partitions</source>
        <translation>筛选分区(&amp;F)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About mtga console</source>
        <translation>关于 mtga 控制台(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>no worker selected</source>
        <translation>未选择 worker</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>last update %1 s ago</source>
        <translation>上次更新于 %1 秒前</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>read-only (not an admin)</source>
        <translation>只读（非管理员）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>no worker connected</source>
        <translation>未连接 worker</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 runs mtga %2 (protocol %3)</source>
        <translation>%1 运行 mtga %2（协议 %3）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>About mtga console</source>
        <translation>关于 mtga 控制台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;mtga console %1&lt;/h3&gt;&lt;p&gt;Watches and steers mtga workers: Kafka game logs into ThinkingData files, exactly once.&lt;/p&gt;&lt;p&gt;Qt %2 (built with %3)&lt;br&gt;Worker: %4&lt;/p&gt;</source>
        <translation>&lt;h3&gt;mtga 控制台 %1&lt;/h3&gt;&lt;p&gt;监控并操控 mtga worker：把 Kafka 游戏日志精确一次地写入数数（ThinkingData）文件。&lt;/p&gt;&lt;p&gt;Qt %2（编译时 %3）&lt;br&gt;Worker：%4&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="-186"/>
        <source>No worker connected.</source>
        <translation>未连接任何工作进程。</translation>
    </message>
</context>
<context>
    <name>mtga::gui::OverviewPanel</name>
    <message>
        <location filename="../gui/panels/overviewpanel.cpp" line="+72"/>
        <source>%1 d %2</source>
        <translation>%1 天 %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No worker selected. Add one with Worker › Add worker…</source>
        <translation>未选择 worker。请通过 Worker › 添加 worker… 添加。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>mtga %1</source>
        <translation>mtga %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>pid %1</source>
        <translation>pid %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>up %1</source>
        <translation>已运行 %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>in %1/s   out %2/s   filtered %3/s   failed %4/s   lag %5 (%6)</source>
        <translation>输入 %1/秒   输出 %2/秒   过滤 %3/秒   失败 %4/秒   积压 %5（%6）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1   (stale: updated %2 s ago)</source>
        <translation>%1   （数据已过时：%2 秒前更新）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>since start: %1 messages, %2 written, %3 filtered, %4 failed</source>
        <translation>启动以来：%1 条消息，写入 %2，过滤 %3，失败 %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>waiting for the first stats…</source>
        <translation>正在等待第一批统计数据…</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+4"/>
        <source>failure queue %1</source>
        <translation>失败队列 %1</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>failure queue %1 (%2)</source>
        <translation>失败队列 %1（%2）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>self-check %1/%2 ok</source>
        <translation>自检 %1/%2 通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>self-check %1/%2 ok: %3 failing</source>
        <translation>自检 %1/%2 通过：%3 项失败</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>last error: %1</source>
        <translation>最近错误：%1</translation>
    </message>
</context>
<context>
    <name>mtga::gui::PartitionTableModel</name>
    <message>
        <location filename="../gui/partitions/partitiontablemodel.cpp" line="+230"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>caught up</source>
        <translation>已追上</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>never</source>
        <translation>追不上</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2 lost)</source>
        <translation>%1（丢失 %2）</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>%1 since %2</source>
        <translation>%1，自 %2 起</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partition number</source>
        <translation>分区号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Part.</source>
        <translation>分区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The oldest offset Kafka still holds</source>
        <translation>Kafka 仍保留的最早 offset</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Low</source>
        <translation>最低</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The offset after the newest message</source>
        <translation>最新消息之后的 offset</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>High</source>
        <translation>最高</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The next offset this worker processes</source>
        <translation>此 worker 下一个要处理的 offset</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Current</source>
        <translation>当前</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where a restart resumes: written and checkpointed</source>
        <translation>重启后从这里继续：已写入并已记录检查点</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Checkpointed</source>
        <translation>检查点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Messages not processed yet: High − Current</source>
        <translation>尚未处理的消息数：最高 − 当前</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lag</source>
        <translation>积压</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How long the next unprocessed message has waited</source>
        <translation>下一条未处理消息已等待的时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lag time</source>
        <translation>积压时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time to catch up at the current rates</source>
        <translation>按当前速率追上所需的时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Catch-up</source>
        <translation>追上用时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Health</source>
        <translation>健康状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The lag over the last minute</source>
        <translation>最近一分钟的积压</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
</context>
<context>
    <name>mtga::gui::PartitionsPanel</name>
    <message>
        <location filename="../gui/panels/partitionspanel.cpp" line="+53"/>
        <source>&amp;Copy rows</source>
        <translation>复制行(&amp;C)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy rows as CS&amp;V</source>
        <translation>复制为 CSV(&amp;V)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>All topics</source>
        <translation>所有主题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any state</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs attention</source>
        <translation>需要关注</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Filter: topic or topic:partition (Ctrl+F)</source>
        <translation>筛选：主题或 主题:分区（Ctrl+F）</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <location line="+49"/>
        <source>%n partition(s)</source>
        <translation>
            <numerusform>%n 个分区</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mtga::gui::PayloadView</name>
    <message>
        <location filename="../gui/widgets/payloadview.cpp" line="+16"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>… (%1 of %2 bytes shown)</source>
        <translation>…（显示了 %2 字节中的 %1 字节）</translation>
    </message>
</context>
<context>
    <name>mtga::gui::ResetOffsetsDialog</name>
    <message>
        <location filename="../gui/dialogs/resetoffsetsdialog.cpp" line="+42"/>
        <source>Refuse targets outside the log instead of clamping</source>
        <translation>目标超出日志范围时拒绝，而不是截到边界</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Apply…</source>
        <translation>应用…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reset offsets — %1</source>
        <translation>重置 offset — %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Earliest (Low: replay all Kafka holds)</source>
        <translation>最早（最低：重放 Kafka 保留的全部消息）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latest (High: skip everything waiting)</source>
        <translation>最新（最高：跳过所有等待中的消息）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offset</source>
        <translation>offset</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date and time (UTC)</source>
        <translation>日期和时间（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration back from now</source>
        <translation>从现在往前的时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift by ± messages</source>
        <translation>前后移动 ± 条消息</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>offset, e.g. 1200</source>
        <translation>offset，例如 1200</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>-1000 goes back, 500 skips ahead</source>
        <translation>-1000 表示后退，500 表示向前跳过</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select none</source>
        <translation>全不选</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Topic:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partitions:</source>
        <translation>分区：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;arget:</source>
        <translation>目标(&amp;A)：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Preview (dry run on the worker):</source>
        <translation>预览（在 worker 上试运行）：</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>partition %1</source>
        <translation>分区 %1</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Choose at least one partition and a target with its value.</source>
        <translation>请至少选择一个分区，并选择目标及其取值。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not connected: %1</source>
        <translation>未连接：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Asking the worker for a dry run…</source>
        <translation>正在请 worker 试运行…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The worker refused the dry run: %1</source>
        <translation>worker 拒绝了试运行：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 partition(s) move: %2 messages skipped, %3 replayed; %4 refused.</source>
        <translation>%1 个分区移动：跳过 %2 条消息，重放 %3 条；%4 个被拒绝。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Move %1 partition(s) of %2: %3 messages will never be processed (skipped) and %4 will be processed again (replayed).

The worker drains those partitions, moves them and records the reset in its audit log; Undo last reset can move them back.</source>
        <translation>移动 %2 的 %1 个分区：%3 条消息将永远不会被处理（跳过），%4 条将被再次处理（重放）。

worker 会先排空这些分区，再移动它们，并在审计日志中记录这次重置；“撤销上次重置”可以把它们移回去。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Apply the offset reset?</source>
        <translation>应用这次 offset 重置吗？</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Move %n partition(s)</source>
        <translation>
            <numerusform>移动 %n 个分区</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Applying: the worker drains the partitions and moves them…</source>
        <translation>正在应用：worker 正在排空并移动这些分区…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The reset was not applied: %1</source>
        <translation>重置未应用：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Applied as previewed (journal entry %1).</source>
        <translation>已按预览应用（日志条目 %1）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Applied (journal entry %1), but not quite as previewed:
%2</source>
        <translation>已应用（日志条目 %1），但与预览不完全一致：
%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The group did not take the commit yet (%1); the next checkpoint commits again.</source>
        <translation>消费组尚未接受这次提交（%1）；下一个检查点会再次提交。</translation>
    </message>
</context>
<context>
    <name>mtga::gui::ResetPreviewModel</name>
    <message>
        <location filename="../gui/reset/resetpreviewmodel.cpp" line="+64"/>
        <source>refused: %1 [%2]</source>
        <translation>被拒绝：%1 [%2]</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>clamped to Low (the oldest offset Kafka holds)</source>
        <translation>截到最低（Kafka 保留的最早 offset）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>clamped to High (the end of the log)</source>
        <translation>截到最高（日志末尾）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stays</source>
        <translation>不变</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Current</source>
        <translation>当前</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New</source>
        <translation>新位置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lag after</source>
        <translation>之后的积压</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replayed</source>
        <translation>重放</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 was not in the preview</source>
        <translation>%1 不在预览中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 was refused: %2</source>
        <translation>%1 被拒绝：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 was moved though the preview refused it</source>
        <translation>%1 被移动了，但预览中它被拒绝</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 went to %2, the preview said %3 (the log moved meanwhile)</source>
        <translation>%1 移到了 %2，预览为 %3（期间日志有变化）</translation>
    </message>
</context>
<context>
    <name>mtga::gui::SampleModel</name>
    <message>
        <location filename="../gui/inspector/samplemodel.cpp" line="+32"/>
        <source>no records</source>
        <translation>没有记录</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>#%1 app %2 %3: %4</source>
        <translation>#%1 应用 %2 %3：%4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>by rule %1</source>
        <translation>被规则 %1 过滤</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>at %1, %2%3: %4</source>
        <translation>在 %1，%2%3：%4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (field %1)</source>
        <translation>（字段 %1）</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Offset</source>
        <translation>offset</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transformed</source>
        <translation>转换时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Became</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>mtga::gui::StatsDecoder</name>
    <message>
        <location filename="../gui/session/statsdecoder.cpp" line="+55"/>
        <source>a stats event that is not JSON: %1</source>
        <translation>不是 JSON 的统计事件：%1</translation>
    </message>
</context>
<context>
    <name>mtga::gui::TrayIcon</name>
    <message>
        <location filename="../gui/widgets/trayicon.cpp" line="+15"/>
        <source>Show the console</source>
        <translation>显示控制台</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>mtga console</source>
        <translation>mtga 控制台</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 needs attention</source>
        <translation>%1 需要关注</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 recovered</source>
        <translation>%1 已恢复</translation>
    </message>
</context>
<context>
    <name>mtga::gui::UndoResetDialog</name>
    <message>
        <location filename="../gui/dialogs/undoresetdialog.cpp" line="+20"/>
        <source>Asking the worker what the undo restores…</source>
        <translation>正在询问 worker 撤销会恢复什么…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo last reset — %1</source>
        <translation>撤销上次重置 — %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Not connected: %1</source>
        <translation>未连接：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing to undo: %1</source>
        <translation>没有可撤销的内容：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Undo reset %1: %2 partition(s) go back where they were before it, %3 of them already there (%4 messages skipped, %5 replayed).</source>
        <translation>撤销重置 %1：%2 个分区回到重置前的位置，其中 %3 个已在原位（跳过 %4 条消息，重放 %5 条）。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The undo failed: %1</source>
        <translation>撤销失败：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reset %1 undone: %2 partition(s) restored.</source>
        <translation>已撤销重置 %1：恢复了 %2 个分区。</translation>
    </message>
</context>
<context>
    <name>mtga::gui::WorkerActions</name>
    <message>
        <location filename="../gui/actions/workeractions.cpp" line="+28"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Clear failure queue…</source>
        <translation>清空失败队列(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;start worker…</source>
        <translation>重启 worker(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;load settings…</source>
        <translation>重新加载设置(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset &amp;offsets…</source>
        <translation>重置 offset(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo last reset…</source>
        <translation>撤销上次重置(&amp;U)…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Restart the worker?</source>
        <translation>重启 worker 吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The worker stops its pipeline (it writes what it took, checkpoints and closes its files), reads its configuration again and starts a new one. Nothing is lost or written twice; the lag grows while it restarts.</source>
        <translation>worker 会停止其流水线（写完已取出的数据、记录检查点并关闭文件），重新读取配置并启动新的流水线。不会丢失或重复写入任何数据；重启期间积压会增长。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restart</source>
        <translation>重启</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reload the settings?</source>
        <translation>重新加载设置吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The worker reads its settings folder again and puts the new settings in force at once. Settings with errors change nothing.</source>
        <translation>worker 会重新读取设置目录，并立即启用新设置。有错误的设置不会改变任何东西。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No worker is selected.</source>
        <translation>未选择 worker。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Clear failures (%1)</source>
        <translation>清空失败（%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear failures</source>
        <translation>清空失败</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1

Worker: %2</source>
        <translation>%1

Worker：%2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>restarting…</source>
        <translation>正在重启…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>restart asked from the console</source>
        <translation>从控制台请求重启</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>restart failed: %1</source>
        <translation>重启失败：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>restarted: %1, apps %2</source>
        <translation>已重启：%1，应用 %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>reload failed: %1</source>
        <translation>重新加载失败：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>settings reloaded: apps %1 in force (before: %2)</source>
        <translation>设置已重新加载：生效的应用 %1（之前：%2）</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>offset reset %1</source>
        <translation>offset 重置 %1</translation>
    </message>
</context>
<context>
    <name>mtga::gui::WorkerListModel</name>
    <message>
        <location filename="../gui/workers/workerlistmodel.cpp" line="+37"/>
        <source>%1 · mtga %2 · pid %3 · up %4</source>
        <translation>%1 · mtga %2 · pid %3 · 已运行 %4</translation>
    </message>
</context>
<context>
    <name>mtga::gui::WorkerListPanel</name>
    <message>
        <location filename="../gui/workers/workerlistpanel.cpp" line="+29"/>
        <source>Workers</source>
        <translation>Worker 列表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add worker…</source>
        <translation>添加 worker…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Mute notifications</source>
        <translation>静音通知</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove from the list</source>
        <translation>从列表中移除</translation>
    </message>
</context>
<context>
    <name>mtga::gui::WorkerSession</name>
    <message>
        <location filename="../gui/session/workersession.cpp" line="+15"/>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>degraded</source>
        <translation>降级</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no answer</source>
        <translation>无响应</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unreachable</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>worker restarted (pid %1)</source>
        <translation>worker 已重启（pid %1）</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>unreachable: %1</source>
        <translation>无法连接：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no answer for %1 s</source>
        <translation>已 %1 秒无响应</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>degraded: %1</source>
        <translation>降级：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not connected to the worker.</source>
        <translation>未连接到 worker。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This connection is not an admin&apos;s: the worker lets only the users in control.admin_uids and control.admin_gids change it.</source>
        <translation>此连接不是管理员连接：worker 只允许 control.admin_uids 和 control.admin_gids 中的用户修改它。</translation>
    </message>
</context>
</TS>
