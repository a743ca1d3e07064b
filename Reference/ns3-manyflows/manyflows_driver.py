#!/usr/bin/env python3
"""SchoolNet reference driver: short request/response exchanges behind many bulk downloads.

One drop-tail bottleneck: server --(1 Gbps, 1 ms)-- router --(line, 9 ms)-- client, base
round trip 20 ms. N long-lived bulk downloads (BulkSend, server -> client), started evenly
over 0.1-2.1 s, share the router's port towards the client. With N much larger than the
bandwidth-delay product in packets, each flow's fair share is a few packets per round trip
or less: the many-flows regime (R. Morris, "TCP Behavior with Many Flows", ICNP 1997),
where flows lose packets often and spend much of their time in retransmission timeouts.
From 10 s to 30 s, every 0.25 s (81 exchanges), the client opens a new TCP connection,
sends a 1,000-byte request once connected, and the server answers 30,000 bytes; an
exchange's completion time runs from the connect call to the last response byte at the
client. The run stops at 62 s, so every exchange has at least 32 s; one still unfinished
then counts at its time so far and is flagged. Each case is run RUNS times with ns-3's run
numbers 1..RUNS (independent random streams) and the exchanges pooled: 81 exchanges alone
move the mean by 10 % and the p95 by half from one run to the next.

TCP as in Reference/ns3-bufferbloat/ (CUBIC, SACK, IW10, minimum RTO 1 s), with the SYN's
retransmission timeout set to RFC 6298's initial 1 s (ns-3's own default is 3 s), as SchoolNet
times it.

The router's queue towards the client is a drop-tail FifoQueueDisc of the case's size in
bytes, with the device's own transmit queue cut to 1 packet. The bulk flows' loss rate is
the queue disc's dropped / received packets from 10 s to 30 s; the standing queue is
sampled every 10 ms over the same window.

Output: a tab-separated table on stdout, '#' lines first (ns-3 version, every attribute
set), then one row per case.

Rerun (one ns-3 process, about a minute per run of a case on one core; writes the whole table):
    nice /work/ns3-venv/bin/python Reference/ns3-manyflows/manyflows_driver.py > Reference/ns3-manyflows/table.tsv
One case: add its name, e.g. `... manyflows_driver.py l20-n200-1000p` (rows only).
"""
import math
import sys

from ns import ns  # noqa: F401  (loads the ns-3 libraries into cppyy)
import cppyy

ACCESS = "1Gbps"
ACCESS_DELAY_MS = 1
BOTTLENECK_DELAY_MS = 9
REQUEST_BYTES = 1_000
RESPONSE_BYTES = 30_000
FIRST_EXCHANGE_S, LAST_EXCHANGE_S, EVERY_S = 10.0, 30.0, 0.25
STOP_S = 62.0
SEGMENT = 1448
SOCKET_BUFFER = 16_000_000
# Independent runs per case (ns-3 RngRun 1..RUNS), pooled: 81 exchanges a run.
RUNS = 5
# name, line Mbps, bulk flows, buffer bytes (1,000 full-size packets = 1,500,000 B; 1 x BDP = line x 20 ms)
CASES = [
    ("l20-n50-1000p", 20, 50, 1_500_000),
    ("l20-n200-1000p", 20, 200, 1_500_000),
    ("l20-n200-1bdp", 20, 200, 50_000),
    ("l100-n200-1000p", 100, 200, 1_500_000),
    ("l150-n300-1000p", 150, 300, 1_500_000),
    ("l150-n300-1bdp", 150, 300, 375_000),
]

cppyy.cppdef(r"""
namespace snmf {
using namespace ns3;

static std::vector<double> g_start, g_end;
static std::map<Socket*, int> g_id;
static std::map<Socket*, uint32_t> g_got, g_req;
static uint32_t g_requestBytes = 1000, g_responseBytes = 30000;
static double g_queueSum = 0; static int g_queueSamples = 0;
static uint64_t g_rx0 = 0, g_drop0 = 0, g_rx1 = 0, g_drop1 = 0;

void ServerRecv(Ptr<Socket> s) {
  Ptr<Packet> p;
  while ((p = s->Recv())) {
    uint32_t before = g_req[PeekPointer(s)];
    g_req[PeekPointer(s)] = before + p->GetSize();
    if (before < g_requestBytes && before + p->GetSize() >= g_requestBytes) s->Send(Create<Packet>(g_responseBytes));
  }
}
void ServerAccept(Ptr<Socket> s, const Address&) { g_req[PeekPointer(s)] = 0; s->SetRecvCallback(MakeCallback(&ServerRecv)); }
void ClientRecv(Ptr<Socket> s) {
  Ptr<Packet> p;
  while ((p = s->Recv())) g_got[PeekPointer(s)] += p->GetSize();
  int id = g_id[PeekPointer(s)];
  if (g_got[PeekPointer(s)] >= g_responseBytes && g_end[id] < 0) { g_end[id] = Simulator::Now().GetSeconds(); s->Close(); }
}
void Connected(Ptr<Socket> s) { s->Send(Create<Packet>(g_requestBytes)); }
void ConnectFailed(Ptr<Socket>) {}
void StartExchange(Ptr<Node> client, Address server, int id) {
  Ptr<Socket> s = Socket::CreateSocket(client, TcpSocketFactory::GetTypeId());
  s->Bind();
  g_id[PeekPointer(s)] = id;
  g_got[PeekPointer(s)] = 0;
  g_start[id] = Simulator::Now().GetSeconds();
  s->SetConnectCallback(MakeCallback(&Connected), MakeCallback(&ConnectFailed));
  s->SetRecvCallback(MakeCallback(&ClientRecv));
  s->Connect(server);
}
void SampleQueue(Ptr<QueueDisc> q, double until) {
  g_queueSum += q->GetNBytes(); g_queueSamples += 1;
  if (Simulator::Now().GetSeconds() + 0.010 <= until) Simulator::Schedule(MilliSeconds(10), &SampleQueue, q, until);
}
void Mark(Ptr<QueueDisc> q, int which) {
  QueueDisc::Stats st = q->GetStats();
  if (which == 0) { g_rx0 = st.nTotalReceivedPackets; g_drop0 = st.nTotalDroppedPackets; }
  else { g_rx1 = st.nTotalReceivedPackets; g_drop1 = st.nTotalDroppedPackets; }
}

// Runs one case; returns start/end pairs (end < 0: unfinished), then mean queue bytes, loss rate.
std::vector<double> Run(std::string bottleneck, int flows, uint32_t bufferBytes, double first, double last, double every,
                        double stop, int bottleneckDelayMs, std::string access, int accessDelayMs, int runNumber) {
  Config::Reset();
  RngSeedManager::SetSeed(1); RngSeedManager::SetRun(runNumber);
  Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
  Config::SetDefault("ns3::TcpSocket::InitialCwnd", UintegerValue(10));
  Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(16000000));
  Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(16000000));
  Config::SetDefault("ns3::TcpSocket::DelAckCount", UintegerValue(2));
  Config::SetDefault("ns3::TcpSocketBase::MinRto", TimeValue(Seconds(1.0)));
  Config::SetDefault("ns3::TcpSocket::ConnTimeout", TimeValue(Seconds(1.0)));
  Config::SetDefault("ns3::TcpSocketBase::Sack", BooleanValue(true));
  Config::SetDefault("ns3::TcpL4Protocol::SocketType", TypeIdValue(TypeId::LookupByName("ns3::TcpCubic")));
  g_start.clear(); g_end.clear(); g_id.clear(); g_got.clear(); g_req.clear(); g_queueSum = 0; g_queueSamples = 0;

  NodeContainer nodes; nodes.Create(3);  // 0 server, 1 router, 2 client
  PointToPointHelper fast; fast.SetDeviceAttribute("DataRate", StringValue(access));
  fast.SetChannelAttribute("Delay", TimeValue(MilliSeconds(accessDelayMs)));
  PointToPointHelper slow; slow.SetDeviceAttribute("DataRate", StringValue(bottleneck));
  slow.SetChannelAttribute("Delay", TimeValue(MilliSeconds(bottleneckDelayMs)));
  slow.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue("1p"));
  NetDeviceContainer a = fast.Install(nodes.Get(0), nodes.Get(1));
  NetDeviceContainer b = slow.Install(nodes.Get(1), nodes.Get(2));
  InternetStackHelper stack; stack.Install(nodes);
  TrafficControlHelper tc;
  tc.SetRootQueueDisc("ns3::FifoQueueDisc", "MaxSize", QueueSizeValue(QueueSize(std::to_string(bufferBytes) + "B")));
  QueueDiscContainer qd = tc.Install(b.Get(0));
  Ipv4AddressHelper ip;
  ip.SetBase("10.1.1.0", "255.255.255.0"); ip.Assign(a);
  ip.SetBase("10.1.2.0", "255.255.255.0"); Ipv4InterfaceContainer bi = ip.Assign(b);
  Ipv4GlobalRoutingHelper::PopulateRoutingTables();

  Address clientBulk = InetSocketAddress(bi.GetAddress(1), 9);
  PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 9));
  sink.Install(nodes.Get(2)).Start(Seconds(0.0));
  for (int i = 0; i < flows; i++) {
    BulkSendHelper bulk("ns3::TcpSocketFactory", clientBulk);
    bulk.SetAttribute("MaxBytes", UintegerValue(0));
    bulk.SetAttribute("SendSize", UintegerValue(1448));
    bulk.Install(nodes.Get(0)).Start(Seconds(0.1 + 2.0 * i / flows));
  }

  Ptr<Socket> listener = Socket::CreateSocket(nodes.Get(0), TcpSocketFactory::GetTypeId());
  listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), 80));
  listener->Listen();
  listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(), MakeCallback(&ServerAccept));
  Address server = InetSocketAddress(Ipv4Address("10.1.1.1"), 80);
  int n = (int)std::floor((last - first) / every + 1e-9) + 1;
  g_start.assign(n, -1); g_end.assign(n, -1);
  for (int i = 0; i < n; i++) Simulator::Schedule(Seconds(first + i * every), &StartExchange, nodes.Get(2), server, i);
  Simulator::Schedule(Seconds(first), &SampleQueue, qd.Get(0), last);
  Simulator::Schedule(Seconds(first), &Mark, qd.Get(0), 0);
  Simulator::Schedule(Seconds(last), &Mark, qd.Get(0), 1);
  Simulator::Stop(Seconds(stop));
  Simulator::Run();
  Simulator::Destroy();
  std::vector<double> out;
  for (int i = 0; i < n; i++) { out.push_back(g_start[i]); out.push_back(g_end[i]); }
  out.push_back(g_queueSamples > 0 ? g_queueSum / g_queueSamples : 0);
  out.push_back(g_rx1 > g_rx0 ? double(g_drop1 - g_drop0) / double(g_rx1 - g_rx0) : 0);
  return out;
}
}
""")


def percentile(values, q):
    """Nearest-rank percentile (the definition SchoolNet's reports use)."""
    s = sorted(values)
    k = max(1, math.ceil(q * len(s)))
    return s[k - 1]


def header():
    version = "3.44"
    try:
        from importlib.metadata import version as pkg_version
        version = pkg_version("ns3")
    except Exception:
        pass
    print(f"# ns-3 {version} (PyPI ns3, from ns import ns); driver Reference/ns3-manyflows/manyflows_driver.py")
    print(f"# topology: server --({ACCESS}, {ACCESS_DELAY_MS} ms)-- router --(line, {BOTTLENECK_DELAY_MS} ms)-- client; base RTT 20 ms")
    print("# PointToPoint bottleneck device TxQueue DropTailQueue MaxSize 1p; FifoQueueDisc MaxSize <buffer_bytes>B on the router's bottleneck port")
    print(f"# TcpL4Protocol::SocketType ns3::TcpCubic; TcpSocket::SegmentSize {SEGMENT}; InitialCwnd 10; SndBufSize = RcvBufSize {SOCKET_BUFFER};"
          f" DelAckCount 2; TcpSocketBase::MinRto 1 s; TcpSocket::ConnTimeout 1 s (RFC 6298's initial RTO; ns-3's default is 3 s); Sack true; RngSeed 1, RngRun 1 to {RUNS} (one run each, exchanges pooled)")
    print(f"# bulk: <flows> BulkSend server->client, flow i starting at 0.1 + 2.0 i / flows s, SendSize {SEGMENT}, MaxBytes 0 (unlimited)")
    print(f"# exchanges: new TCP connection, {REQUEST_BYTES} B request once connected, {RESPONSE_BYTES} B response; one every"
          f" {EVERY_S} s from {FIRST_EXCHANGE_S} s to {LAST_EXCHANGE_S} s; time = connect call to last response byte; stop {STOP_S} s")
    print("# loss: queue disc dropped / received packets from 10 s to 30 s; queue_ms: queue bytes sampled every 10 ms over 10-30 s, at the line rate")
    print(f"# each case: {RUNS} independent runs (RngRun 1..{RUNS}) of 81 exchanges, pooled; loss and queue_ms: the runs' mean; run_means: each run's mean time, s")
    print("# percentiles nearest-rank; over20/over30: share of exchanges taking more than 20 s / 30 s; unfinished: still running at the stop")
    print("case\tline_mbps\tflows\tbuffer_bytes\texchanges\tmean_s\tp95_s\tp99_s\tmax_s\tover20\tover30\tunfinished\tloss\tqueue_ms\truns\trun_means")


def run(name, mbps, flows, buf):
    times, unfinished, losses, queues, run_means = [], 0, [], [], []
    for number in range(1, RUNS + 1):
        out = list(cppyy.gbl.snmf.Run(f"{mbps}Mbps", flows, buf, FIRST_EXCHANGE_S, LAST_EXCHANGE_S, EVERY_S, STOP_S,
                                       BOTTLENECK_DELAY_MS, ACCESS, ACCESS_DELAY_MS, number))
        losses.append(out.pop())
        queues.append(out.pop())
        these = []
        for i in range(0, len(out), 2):
            if out[i + 1] >= 0:
                these.append(out[i + 1] - out[i])
            else:
                these.append(STOP_S - out[i])
                unfinished += 1
        run_means.append(sum(these) / len(these))
        times += these
    mean = sum(times) / len(times)
    over20 = sum(1 for t in times if t > 20) / len(times)
    over30 = sum(1 for t in times if t > 30) / len(times)
    loss = sum(losses) / len(losses)
    queue_bytes = sum(queues) / len(queues)
    print(f"{name}\t{mbps}\t{flows}\t{buf}\t{len(times)}\t{mean:.4f}\t{percentile(times, 0.95):.4f}\t{percentile(times, 0.99):.4f}"
          f"\t{max(times):.4f}\t{over20:.4f}\t{over30:.4f}\t{unfinished}\t{loss:.5f}\t{queue_bytes * 8 / (mbps * 1e6) * 1000:.1f}"
          f"\t{RUNS}\t{','.join(f'{m:.3f}' for m in run_means)}",
          flush=True)


def main():
    wanted = sys.argv[1:]
    if not wanted:
        header()
    for name, mbps, flows, buf in CASES:
        if not wanted or name in wanted:
            run(name, mbps, flows, buf)


if __name__ == "__main__":
    main()
