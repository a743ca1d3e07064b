#!/usr/bin/env python3
"""Short and bulk TCP transfers over one idle 100 Mbps / 20 ms path in ns-3 (PyPI `ns3`), for
SchoolNet's TCP model (set-up round trips, slow start with delayed ACKs, window ceiling).

The whole table, one ns-3 process:   python tcp_transfers.py > table.tsv

Topology: two nodes joined by one point-to-point link (100 Mbps each way, 10 ms one-way
propagation), no queue disc, a device queue large enough that nothing is dropped (the transfers
never leave slow start by a loss). Times run from the moment the client calls connect() (a new
connection) or sends its request (a reused one) to the moment the receiving application has the
last byte.

Cases (sizes in bytes; kB = 1000 bytes):
  bulk      N senders each open a connection and push SIZE bytes (BulkSendApplication), all
            starting together; the receiver's PacketSink counts the bytes.
  bulk-fq   the same behind a fair queue on the sender's link (FqCoDelQueueDisc with CoDel's
            target and interval so long that it never drops: per-flow round robin, no loss;
            device queue 100 packets), the sharing SchoolNet's max-min solver assumes.
  exchange  the client opens a connection, sends a REQUEST-byte request with the handshake's
            last ACK, and the server answers with SIZE bytes as soon as the request is in.
  reused    the same exchange on a connection opened one second earlier (idle since).

Every attribute this script sets is in ATTRIBUTES below and in the table's header; everything
else is ns-3 3.44's default.
"""
import sys

LINK_RATE = "100Mbps"
ONE_WAY_DELAY = "10ms"
REQUEST_BYTES = 200
CASES = [
    # (case, flows, size bytes)
    ("bulk", 1, 50_000),
    ("bulk", 1, 500_000),
    ("bulk", 1, 5_000_000),
    ("bulk", 10, 5_000_000),
    ("bulk-fq", 10, 5_000_000),
    ("exchange", 1, 30_000),
    ("exchange", 1, 50_000),
    ("reused", 1, 30_000),
]

# Attributes set by this script (Config::SetDefault unless noted); the rest are ns-3's defaults.
ATTRIBUTES = [
    ("ns3::TcpL4Protocol::SocketType", "ns3::TcpNewReno"),
    ("ns3::TcpSocket::SegmentSize", "1460"),
    ("ns3::TcpSocket::InitialCwnd", "10"),
    ("ns3::TcpSocket::SndBufSize", "16777216"),
    ("ns3::TcpSocket::RcvBufSize", "16777216"),
    ("ns3::TcpSocket::DelAckCount", "2"),
    ("ns3::TcpSocket::DelAckTimeout", "200ms"),
    ("ns3::TcpSocket::TcpNoDelay", "true"),
    ("ns3::BulkSendApplication::SendSize", "14600"),
]
TOPOLOGY = [
    ("PointToPointHelper DataRate", LINK_RATE),
    ("PointToPointHelper Delay", ONE_WAY_DELAY),
    ("PointToPointHelper Queue", "ns3::DropTailQueue<Packet> MaxSize=100000p"),
    ("queue discs", "none (removed from both devices); bulk-fq: ns3::FqCoDelQueueDisc MaxSize=100000p Target=100s Interval=1000s, device queue MaxSize=100p"),
    ("request", "%d bytes (exchange, reused)" % REQUEST_BYTES),
    ("start", "connect() at 1.0 s; the reused connection's request at 2.0 s"),
]

CPP = r"""
#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/applications-module.h"
#include "ns3/traffic-control-module.h"
#include <vector>

namespace schoolnet_tcpref {
using namespace ns3;

static std::vector<double> done;
static std::vector<uint64_t> received;
static uint64_t target = 0;
static double origin = 0;
static uint32_t requestBytes = 0;
static uint64_t requestSeen = 0;
static Ptr<Socket> client;
static Ptr<Socket> listener;
static uint32_t maxQueue = 0;

static uint32_t drops = 0;
static void QueueTrace(uint32_t, uint32_t now) { if (now > maxQueue) maxQueue = now; }
static void DropTrace(Ptr<const Packet>) { ++drops; }
static void DiscDropTrace(Ptr<const QueueDiscItem>) { ++drops; }

static void Mark(uint32_t i, uint64_t bytes) {
    received[i] += bytes;
    if (done[i] < 0 && received[i] >= target) done[i] = Simulator::Now().GetSeconds() - origin;
}

static void SinkRx(uint32_t i, Ptr<const Packet> p, const Address&) { Mark(i, p->GetSize()); }

static NodeContainer Path(Ipv4InterfaceContainer& ifs, bool fq) {
    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("10ms"));
    p2p.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue(fq ? "100p" : "100000p"));
    NetDeviceContainer devs = p2p.Install(nodes);
    InternetStackHelper stack;
    stack.Install(nodes);
    for (uint32_t k = 0; k < devs.GetN(); ++k) {
        Ptr<TrafficControlLayer> tc = devs.Get(k)->GetNode()->GetObject<TrafficControlLayer>();
        if (tc && tc->GetRootQueueDiscOnDevice(devs.Get(k))) tc->DeleteRootQueueDiscOnDevice(devs.Get(k));
        Ptr<PointToPointNetDevice> d = DynamicCast<PointToPointNetDevice>(devs.Get(k));
        d->GetQueue()->TraceConnectWithoutContext("PacketsInQueue", MakeCallback(&QueueTrace));
        d->GetQueue()->TraceConnectWithoutContext("Drop", MakeCallback(&DropTrace));
    }
    if (fq) {
        TrafficControlHelper tch;
        tch.SetRootQueueDisc("ns3::FqCoDelQueueDisc", "MaxSize", StringValue("100000p"),
                             "Target", StringValue("100s"), "Interval", StringValue("1000s"));
        QueueDiscContainer discs = tch.Install(devs);
        for (uint32_t k = 0; k < discs.GetN(); ++k)
            discs.Get(k)->TraceConnectWithoutContext("Drop", MakeCallback(&DiscDropTrace));
    }
    Ipv4AddressHelper addr;
    addr.SetBase("10.1.1.0", "255.255.255.0");
    ifs = addr.Assign(devs);
    return nodes;
}

void Reset(uint32_t flows, uint64_t size) {
    done.assign(flows, -1.0);
    received.assign(flows, 0);
    target = size;
    requestSeen = 0;
    maxQueue = 0;
    drops = 0;
}

std::vector<double> Bulk(uint32_t flows, uint64_t size, bool fq) {
    Reset(flows, size);
    Ipv4InterfaceContainer ifs;
    NodeContainer nodes = Path(ifs, fq);
    origin = 1.0;
    for (uint32_t i = 0; i < flows; ++i) {
        uint16_t port = 5000 + i;
        PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), port));
        ApplicationContainer s = sink.Install(nodes.Get(1));
        s.Start(Seconds(0.0));
        s.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&SinkRx, i));
        BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(ifs.GetAddress(1), port));
        bulk.SetAttribute("MaxBytes", UintegerValue(size));
        ApplicationContainer b = bulk.Install(nodes.Get(0));
        b.Start(Seconds(origin));
    }
    Simulator::Stop(Seconds(origin + 30));
    Simulator::Run();
    Simulator::Destroy();
    return done;
}

static void ServerRecv(Ptr<Socket> s) {
    Ptr<Packet> p;
    while ((p = s->Recv())) {
        bool before = requestSeen >= requestBytes;
        requestSeen += p->GetSize();
        if (!before && requestSeen >= requestBytes) s->Send(Create<Packet>(target));
    }
}
static void Accept(Ptr<Socket> s, const Address&) { s->SetRecvCallback(MakeCallback(&ServerRecv)); }
static void ClientRecv(Ptr<Socket> s) {
    Ptr<Packet> p;
    while ((p = s->Recv())) Mark(0, p->GetSize());
}
static void SendRequest(Ptr<Socket> s) { s->Send(Create<Packet>(requestBytes)); }
static void SendLater(Ptr<Socket> s) { origin = Simulator::Now().GetSeconds(); SendRequest(s); }
static void Connected(Ptr<Socket> s) { SendRequest(s); }
static void ConnectedIdle(Ptr<Socket> s) { Simulator::Schedule(Seconds(2.0) - Simulator::Now(), &SendLater, s); }
static void Failed(Ptr<Socket>) { NS_FATAL_ERROR("connection failed"); }

std::vector<double> Exchange(uint64_t size, uint32_t request, bool reused) {
    Reset(1, size);
    requestBytes = request;
    Ipv4InterfaceContainer ifs;
    NodeContainer nodes = Path(ifs, false);
    listener = Socket::CreateSocket(nodes.Get(1), TcpSocketFactory::GetTypeId());
    listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), 80));
    listener->Listen();
    listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(), MakeCallback(&Accept));
    client = Socket::CreateSocket(nodes.Get(0), TcpSocketFactory::GetTypeId());
    client->Bind();
    client->SetRecvCallback(MakeCallback(&ClientRecv));
    client->SetConnectCallback(MakeCallback(reused ? &ConnectedIdle : &Connected), MakeCallback(&Failed));
    origin = 1.0;
    Simulator::Schedule(Seconds(1.0), [](){ client->Connect(InetSocketAddress(Ipv4Address("10.1.1.2"), 80)); });
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    client = nullptr;
    listener = nullptr;
    Simulator::Destroy();
    return done;
}

uint32_t MaxQueue() { return maxQueue; }
uint32_t Drops() { return drops; }
}
"""


def main():
    from ns import ns
    import cppyy
    for name, value in ATTRIBUTES:
        ns.Config.SetDefault(name, ns.StringValue(value))
    cppyy.cppdef(CPP)
    ref = cppyy.gbl.schoolnet_tcpref
    version = "3.44"
    try:
        from importlib.metadata import version as pkg_version
        package = pkg_version("ns3")
    except Exception:
        package = "?"
    out = sys.stdout
    out.write("# ns-3 %s (PyPI ns3 %s), driver Reference/ns3-tcp/tcp_transfers.py\n" % (version, package))
    for name, value in ATTRIBUTES:
        out.write("# %s = %s\n" % (name, value))
    for name, value in TOPOLOGY:
        out.write("# %s: %s\n" % (name, value))
    out.write("# seconds: from connect() (or the reused connection's request) to the last byte at the receiving application\n")
    out.write("case\tflows\tbytes\tmean_s\tmin_s\tmax_s\tmax_device_queue_packets\tdrops\n")
    for case, flows, size in CASES:
        if case == "bulk":
            times = list(ref.Bulk(flows, size, False))
        elif case == "bulk-fq":
            times = list(ref.Bulk(flows, size, True))
        else:
            times = list(ref.Exchange(size, REQUEST_BYTES, case == "reused"))
        if min(times) < 0:
            raise SystemExit("case %s %d x %d did not finish" % (case, flows, size))
        out.write("%s\t%d\t%d\t%.6f\t%.6f\t%.6f\t%d\t%d\n" % (case, flows, size, sum(times) / len(times),
                                                             min(times), max(times), ref.MaxQueue(), ref.Drops()))
        out.flush()


if __name__ == "__main__":
    main()
