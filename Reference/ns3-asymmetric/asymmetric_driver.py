#!/usr/bin/env python3
"""SchoolNet reference driver: TCP downloads and uploads over an asymmetric bottleneck.

Dumbbell: servers --(1 Gbps, 1 ms)-- router --(100 Mbps down / 2 Mbps up, 9 ms)-- clients,
base round trip 20 ms. K long-lived BulkSend downloads (server -> client) and M long-lived
BulkSend uploads (client -> server) start at 0.1 s (staggered by 10 ms) and never end. The
downloads' acknowledgements share the 2 Mbps uplink with the uploads' data.

Queues (ns-3 traffic control, on both ends of the bottleneck, device queues cut to 1 packet):
  fifo-1bdp   FifoQueueDisc (drop-tail), MaxSize = 1 x BDP of the direction
              (down 250000 B = 100 Mbps x 20 ms; up 5000 B = 2 Mbps x 20 ms)
  fifo-10bdp  FifoQueueDisc, MaxSize = 10 x BDP (down 2500000 B, up 50000 B)
  fq_codel    FqCoDelQueueDisc with ns-3's defaults

Output: a tab-separated table on stdout, '#' lines first (ns-3 version, every attribute
set), then one row per case: case, K, M, down_mbps, up_mbps (goodput: bytes received by the
sinks between MEASURE_FROM and STOP, over that time, all flows of a direction together).

Rerun (one ns-3 process; a few minutes in all under load):
    nice /work/ns3-venv/bin/python Reference/ns3-asymmetric/asymmetric_driver.py > Reference/ns3-asymmetric/table.tsv
"""
import sys

from ns import ns  # noqa: F401  (loads the ns-3 libraries into cppyy)
import cppyy

DOWN, UP, BOTTLENECK_DELAY_MS = "100Mbps", "2Mbps", 9
ACCESS, ACCESS_DELAY_MS = "1Gbps", 1
DOWN_BDP, UP_BDP = 250_000, 5_000  # bytes, at a 20 ms base round trip
K = 10
MS = [0, 1, 5]
MEASURE_FROM_S, STOP_S = 10.0, 25.0
SEGMENT = 1448
SOCKET_BUFFER = 16_000_000
CASES = [("fifo-1bdp", "fifo", 1), ("fifo-10bdp", "fifo", 10), ("fq_codel", "fq_codel", 0)]

cppyy.cppdef(r"""
namespace snasym {
using namespace ns3;

static uint64_t g_down0 = 0, g_up0 = 0;
static ApplicationContainer g_downSinks, g_upSinks;

uint64_t Total(ApplicationContainer& c) {
  uint64_t s = 0;
  for (uint32_t i = 0; i < c.GetN(); i++) s += DynamicCast<PacketSink>(c.Get(i))->GetTotalRx();
  return s;
}
void Mark() { g_down0 = Total(g_downSinks); g_up0 = Total(g_upSinks); }

// Runs one case; returns the bytes received downward and upward between `from` and `stop`.
std::vector<double> Run(std::string disc, uint32_t bdps, int k, int m, double from, double stop,
                        std::string down, std::string up, int delayMs, std::string access, int accessDelayMs,
                        uint32_t downBdp, uint32_t upBdp) {
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
  g_downSinks = ApplicationContainer(); g_upSinks = ApplicationContainer(); g_down0 = 0; g_up0 = 0;

  NodeContainer nodes; nodes.Create(4);  // 0 server, 1 router, 2 client edge, 3 unused
  PointToPointHelper fast; fast.SetDeviceAttribute("DataRate", StringValue(access));
  fast.SetChannelAttribute("Delay", TimeValue(MilliSeconds(accessDelayMs)));
  PointToPointHelper slow; slow.SetDeviceAttribute("DataRate", StringValue(down));
  slow.SetChannelAttribute("Delay", TimeValue(MilliSeconds(delayMs)));
  slow.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue("1p"));
  NetDeviceContainer a = fast.Install(nodes.Get(0), nodes.Get(1));
  NetDeviceContainer b = slow.Install(nodes.Get(1), nodes.Get(2));
  DynamicCast<PointToPointNetDevice>(b.Get(1))->SetDataRate(DataRate(up));  // the client's side sends upward
  InternetStackHelper stack; stack.Install(nodes);
  QueueDiscContainer qd;
  for (int side = 0; side < 2; side++) {
    TrafficControlHelper tc;
    uint32_t bytes = (side == 0 ? downBdp : upBdp) * bdps;
    if (disc == "fifo") {
      tc.SetRootQueueDisc("ns3::FifoQueueDisc", "MaxSize", QueueSizeValue(QueueSize(std::to_string(bytes) + "B")));
    } else {
      tc.SetRootQueueDisc("ns3::FqCoDelQueueDisc");
    }
    qd.Add(tc.Install(b.Get(side)));
  }
  Ipv4AddressHelper ip;
  ip.SetBase("10.1.1.0", "255.255.255.0"); Ipv4InterfaceContainer ai = ip.Assign(a);
  ip.SetBase("10.1.2.0", "255.255.255.0"); Ipv4InterfaceContainer bi = ip.Assign(b);
  Ipv4GlobalRoutingHelper::PopulateRoutingTables();

  for (int i = 0; i < k; i++) {
    uint16_t port = 1000 + i;
    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), port));
    ApplicationContainer s = sink.Install(nodes.Get(2)); s.Start(Seconds(0.0)); g_downSinks.Add(s);
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(bi.GetAddress(1), port));
    bulk.SetAttribute("MaxBytes", UintegerValue(0)); bulk.SetAttribute("SendSize", UintegerValue(1448));
    bulk.Install(nodes.Get(0)).Start(Seconds(0.1 + 0.01 * i));
  }
  for (int i = 0; i < m; i++) {
    uint16_t port = 2000 + i;
    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), port));
    ApplicationContainer s = sink.Install(nodes.Get(0)); s.Start(Seconds(0.0)); g_upSinks.Add(s);
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(ai.GetAddress(0), port));
    bulk.SetAttribute("MaxBytes", UintegerValue(0)); bulk.SetAttribute("SendSize", UintegerValue(1448));
    bulk.Install(nodes.Get(2)).Start(Seconds(0.105 + 0.01 * i));
  }
  Simulator::Schedule(Seconds(from), &Mark);
  Simulator::Stop(Seconds(stop));
  Simulator::Run();
  std::vector<double> out{(double)(Total(g_downSinks) - g_down0), (double)(Total(g_upSinks) - g_up0)};
  Simulator::Destroy();
  return out;
}
}
""")


def main():
    version = "3.44"
    try:
        from importlib.metadata import version as pkg_version
        version = pkg_version("ns3")
    except Exception:
        pass
    print(f"# ns-3 {version} (PyPI ns3, from ns import ns); driver Reference/ns3-asymmetric/asymmetric_driver.py")
    print(f"# topology: servers --({ACCESS}, {ACCESS_DELAY_MS} ms)-- router --({DOWN} down / {UP} up, {BOTTLENECK_DELAY_MS} ms)-- clients;"
          f" base RTT 20 ms; BDP down {DOWN_BDP} B, up {UP_BDP} B")
    print("# PointToPoint bottleneck devices TxQueue DropTailQueue MaxSize 1p; a queue disc on each end of the bottleneck")
    print(f"# TcpL4Protocol::SocketType ns3::TcpCubic; TcpSocket::SegmentSize {SEGMENT}; InitialCwnd 10; SndBufSize = RcvBufSize {SOCKET_BUFFER};"
          " DelAckCount 2 (ns-3 default); TcpSocketBase::MinRto 1 s; Sack true; RngSeed 1 run 1")
    print(f"# flows: K BulkSend downloads from 0.1 s (+10 ms each), M BulkSend uploads from 0.105 s (+10 ms each), SendSize {SEGMENT}, MaxBytes 0")
    print("# fifo-Nbdp: FifoQueueDisc MaxSize N x the direction's BDP in bytes; fq_codel: FqCoDelQueueDisc defaults (Target 5 ms, Interval 100 ms, MaxSize 10240p)")
    print(f"# goodput: bytes received by the direction's PacketSinks from {MEASURE_FROM_S} s to {STOP_S} s, Mbit/s")
    print("case\tK\tM\tdown_mbps\tup_mbps", flush=True)
    only = sys.argv[1:]  # optional case names
    span = STOP_S - MEASURE_FROM_S
    for name, disc, bdps in CASES:
        if only and name not in only:
            continue
        for m in MS:
            down, up = cppyy.gbl.snasym.Run(disc, bdps, K, m, MEASURE_FROM_S, STOP_S, DOWN, UP, BOTTLENECK_DELAY_MS,
                                             ACCESS, ACCESS_DELAY_MS, DOWN_BDP, UP_BDP)
            print(f"{name}\t{K}\t{m}\t{down * 8 / span / 1e6:.3f}\t{up * 8 / span / 1e6:.3f}", flush=True)


if __name__ == "__main__":
    main()
