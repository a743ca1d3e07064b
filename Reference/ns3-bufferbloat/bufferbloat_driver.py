#!/usr/bin/env python3
"""SchoolNet reference driver: short request/response exchanges behind a bulk download.

One bottleneck: server --(1 Gbps, 1 ms)-- router --(100 Mbps, 9 ms)-- client, so the base
round trip is 20 ms and the bandwidth-delay product (BDP) 250,000 bytes. A long-lived bulk
download (BulkSend, server -> client) starts at 0.1 s and keeps the router's 100 Mbps port
busy. From 1.5 s, every 0.1 s until 4.5 s, the client opens a new TCP connection, sends a
100-byte request once connected, and the server answers 30,000 bytes; an exchange's
completion time runs from the connect call to the last response byte at the client.

The router's queue towards the client (ns-3 traffic control) is one of:
  fifo-1bdp   FifoQueueDisc (drop-tail), MaxSize 250000 B (1 x BDP)
  fifo-10bdp  FifoQueueDisc (drop-tail), MaxSize 2500000 B (10 x BDP)
  fq_codel    FqCoDelQueueDisc with ns-3's defaults (target 5 ms, interval 100 ms, 10240 p)
with the device's own transmit queue cut to 1 packet so the queue disc holds the backlog.
The router's queue is also sampled every 5 ms during the exchanges (mean bytes queued and
the standing queue in ms at 100 Mbps).

Output: a tab-separated table on stdout, '#' lines first (ns-3 version, every attribute
set), then one row per case: case, buffer_bytes, exchanges, mean_s, p95_s, queue_mean_ms.

Rerun (one ns-3 process; about a minute per case under load):
    nice /work/ns3-venv/bin/python Reference/ns3-bufferbloat/bufferbloat_driver.py > Reference/ns3-bufferbloat/table.tsv
"""
import math
import sys

from ns import ns  # noqa: F401  (loads the ns-3 libraries into cppyy)
import cppyy

BOTTLENECK = "100Mbps"
BOTTLENECK_DELAY_MS = 9
ACCESS = "1Gbps"
ACCESS_DELAY_MS = 1
BDP_BYTES = 250_000  # 100 Mbps x 20 ms
REQUEST_BYTES = 100
RESPONSE_BYTES = 30_000
FIRST_EXCHANGE_S, LAST_EXCHANGE_S, EVERY_S = 1.5, 4.5, 0.1
STOP_S = 6.0
SEGMENT = 1448
SOCKET_BUFFER = 16_000_000
CASES = [("fifo-1bdp", "fifo", BDP_BYTES), ("fifo-10bdp", "fifo", 10 * BDP_BYTES), ("fq_codel", "fq_codel", 0)]

cppyy.cppdef(r"""
namespace snref {
using namespace ns3;

static std::vector<double> g_start, g_end;
static std::map<Socket*, int> g_id;
static std::map<Socket*, uint32_t> g_got, g_req;
static uint32_t g_requestBytes = 100, g_responseBytes = 30000;
static double g_queueSum = 0; static int g_queueSamples = 0;

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
  if (Simulator::Now().GetSeconds() + 0.005 <= until) Simulator::Schedule(MilliSeconds(5), &SampleQueue, q, until);
}

// Runs one case; returns start and end times (end < 0: unfinished) and the mean queue in bytes.
std::vector<double> Run(std::string disc, uint32_t bufferBytes, double first, double last, double every, double stop,
                        std::string bottleneck, int bottleneckDelayMs, std::string access, int accessDelayMs) {
  Config::Reset();
  RngSeedManager::SetSeed(1); RngSeedManager::SetRun(1);
  Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
  Config::SetDefault("ns3::TcpSocket::InitialCwnd", UintegerValue(10));
  Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(16000000));
  Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(16000000));
  Config::SetDefault("ns3::TcpSocket::DelAckCount", UintegerValue(2));
  Config::SetDefault("ns3::TcpSocketBase::MinRto", TimeValue(Seconds(1.0)));
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
  if (disc == "fifo") {
    tc.SetRootQueueDisc("ns3::FifoQueueDisc", "MaxSize", QueueSizeValue(QueueSize(std::to_string(bufferBytes) + "B")));
  } else {
    tc.SetRootQueueDisc("ns3::FqCoDelQueueDisc");
  }
  QueueDiscContainer qd = tc.Install(b.Get(0));
  Ipv4AddressHelper ip;
  ip.SetBase("10.1.1.0", "255.255.255.0"); ip.Assign(a);
  ip.SetBase("10.1.2.0", "255.255.255.0"); Ipv4InterfaceContainer bi = ip.Assign(b);
  Ipv4GlobalRoutingHelper::PopulateRoutingTables();

  Address clientBulk = InetSocketAddress(bi.GetAddress(1), 9);
  PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 9));
  sink.Install(nodes.Get(2)).Start(Seconds(0.0));
  BulkSendHelper bulk("ns3::TcpSocketFactory", clientBulk);
  bulk.SetAttribute("MaxBytes", UintegerValue(0));
  bulk.SetAttribute("SendSize", UintegerValue(1448));
  bulk.Install(nodes.Get(0)).Start(Seconds(0.1));

  Ptr<Socket> listener = Socket::CreateSocket(nodes.Get(0), TcpSocketFactory::GetTypeId());
  listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), 80));
  listener->Listen();
  listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(), MakeCallback(&ServerAccept));
  Address server = InetSocketAddress(Ipv4Address("10.1.1.1"), 80);
  int n = (int)std::floor((last - first) / every + 1e-9) + 1;
  g_start.assign(n, -1); g_end.assign(n, -1);
  for (int i = 0; i < n; i++) Simulator::Schedule(Seconds(first + i * every), &StartExchange, nodes.Get(2), server, i);
  Simulator::Schedule(Seconds(first), &SampleQueue, qd.Get(0), last);
  Simulator::Stop(Seconds(stop));
  Simulator::Run();
  Simulator::Destroy();
  std::vector<double> out;
  for (int i = 0; i < n; i++) { out.push_back(g_start[i]); out.push_back(g_end[i]); }
  out.push_back(g_queueSamples > 0 ? g_queueSum / g_queueSamples : 0);
  return out;
}
}
""")


def percentile(values, q):
    """Nearest-rank percentile (the definition SchoolNet's reports use)."""
    s = sorted(values)
    k = max(1, math.ceil(q * len(s)))
    return s[k - 1]


def main():
    version = "3.44"
    try:
        from importlib.metadata import version as pkg_version
        version = pkg_version("ns3")
    except Exception:
        pass
    print(f"# ns-3 {version} (PyPI ns3, from ns import ns); driver Reference/ns3-bufferbloat/bufferbloat_driver.py")
    print(f"# topology: server --({ACCESS}, {ACCESS_DELAY_MS} ms)-- router --({BOTTLENECK}, {BOTTLENECK_DELAY_MS} ms)-- client;"
          f" base RTT 20 ms; BDP {BDP_BYTES} B")
    print("# PointToPoint bottleneck device TxQueue DropTailQueue MaxSize 1p; queue disc on the router's bottleneck port")
    print(f"# TcpL4Protocol::SocketType ns3::TcpCubic; TcpSocket::SegmentSize {SEGMENT}; InitialCwnd 10; SndBufSize = RcvBufSize {SOCKET_BUFFER};"
          " DelAckCount 2; TcpSocketBase::MinRto 1 s; Sack true; RngSeed 1 run 1")
    print(f"# bulk: BulkSend server->client from 0.1 s, SendSize {SEGMENT}, MaxBytes 0 (unlimited)")
    print(f"# exchanges: new TCP connection, {REQUEST_BYTES} B request once connected, {RESPONSE_BYTES} B response; one every"
          f" {EVERY_S} s from {FIRST_EXCHANGE_S} s to {LAST_EXCHANGE_S} s; time = connect call to last response byte; stop {STOP_S} s")
    print("# fq_codel: FqCoDelQueueDisc defaults (Target 5 ms, Interval 100 ms, MaxSize 10240p, Flows 1024, quantum = MTU)")
    print("# queue_mean_ms: router queue bytes sampled every 5 ms over the exchanges, at 100 Mbps")
    print("case\tbuffer_bytes\texchanges\tmean_s\tp95_s\tqueue_mean_ms")
    for name, disc, buf in CASES:
        out = list(cppyy.gbl.snref.Run(disc, buf, FIRST_EXCHANGE_S, LAST_EXCHANGE_S, EVERY_S, STOP_S,
                                       BOTTLENECK, BOTTLENECK_DELAY_MS, ACCESS, ACCESS_DELAY_MS))
        queue_bytes = out.pop()
        times = [out[i + 1] - out[i] for i in range(0, len(out), 2) if out[i + 1] >= 0]
        unfinished = sum(1 for i in range(0, len(out), 2) if out[i + 1] < 0)
        if unfinished:
            print(f"# {name}: {unfinished} exchanges unfinished at {STOP_S} s", file=sys.stderr)
        mean = sum(times) / len(times)
        print(f"{name}\t{buf}\t{len(times)}\t{mean:.4f}\t{percentile(times, 0.95):.4f}\t{queue_bytes * 8 / 100e6 * 1000:.1f}",
              flush=True)


if __name__ == "__main__":
    main()
