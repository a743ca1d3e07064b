#!/usr/bin/env python3
"""Saturated UDP between one AP and N stations in ns-3 (PyPI `ns3`), for SchoolNet's Wi-Fi cell model.

One point per process:   python wifi_saturation.py point CONFIG AMPDU DIR N
What the AP sent:        python wifi_saturation.py diagnose CONFIG AMPDU DIR N
  (the point, plus per receiver in the measured second: PPDUs, MPDUs, single-MPDU PPDUs, and
   at its end whether the AP holds a Block Ack agreement with it; over the whole run its
   associations and losses of association, and the states of the AP's agreement with it; the
   AP's queue and what its ARP dropped)
The whole table:         python wifi_saturation.py sweep [table.csv]
  (runs every missing point sequentially, one ns-3 process at a time, appending to the table)

Every attribute this script changes from ns-3's defaults is in ATTRIBUTES below and in the table's
header; everything else is ns-3 3.44's default.
"""
import csv
import math
import os
import subprocess
import sys
import time

CONFIGS = {
    # name: (standard, width MHz, spatial streams, data mode)
    "ax20-1ss-mcs7": ("80211ax", 20, 1, "HeMcs7"),
    "ax40-2ss-mcs9": ("80211ax", 40, 2, "HeMcs9"),
    "ac80-1ss-mcs9": ("80211ac", 80, 1, "VhtMcs9"),
}
PHY_RATE_MBPS = {"ax20-1ss-mcs7": 86.0, "ax40-2ss-mcs9": 458.8, "ac80-1ss-mcs9": 390.0}
STATIONS = [1, 5, 10, 20, 40]
UDP_PAYLOAD = 1472          # + 8 UDP + 20 IPv4 = a 1500-byte MSDU
# Timeline. Association is checked every ASSOC_CHECK from ASSOC_FIRST_CHECK; the cell counts as
# settled at the first check that finds every station associated, as did the ASSOC_STABLE_CHECKS
# checks before it (with no traffic yet). Everything after is relative to that time `settled`:
# primers from settled + PRIMER_DELAY (flow i at + 10 ms x i, 5 packets 10 ms apart), saturating
# sources PRIMER_TO_APP after the last primer starts, measurement from APP_TO_MEASURE after the
# sources start, for MEASURE_S.
ASSOC_FIRST_CHECK, ASSOC_CHECK, ASSOC_STABLE_CHECKS, ASSOC_GIVE_UP = 0.2, 0.1, 3, 30.0   # seconds, checks
PRIMER_DELAY, PRIMER_SPACING, PRIMER_TO_APP, APP_TO_MEASURE, MEASURE_S = 0.05, 0.01, 0.1, 1.0, 1.0  # seconds
RADIUS_M = 1.0              # every station on a circle of 1 m around the AP (equal distances)

# Attributes set by this script (Config::SetDefault unless noted); everything else is ns-3's default.
def attributes(config, ampdu):
    std, width, nss, mode = CONFIGS[config]
    he = std == "80211ax"
    max_ampdu = (6500631 if he else 1048575) if ampdu else 0
    return [
        ("ns3::HeConfiguration::GuardInterval", "800ns (HE data GI; ns-3 3.44 default is 3.2 us)"),
        ("ns3::HtConfiguration::ShortGuardIntervalSupported", "false (VHT GI 800 ns)"),
        ("ns3::WifiMac::BE_MaxAmpduSize", str(max_ampdu) + (" (standard's maximum A-MPDU length)" if ampdu else " (no aggregation)")),
        ("ns3::WifiMac::BE_MaxAmsduSize", "0 (no A-MSDU)"),
        ("ns3::WifiMac::MpduBufferSize", ("256" if he else "64") + " (Block Ack window of the standard)"),
        ("ns3::WifiMac::FrameRetryLimit", "7"),
        ("ns3::QosTxop::UseExplicitBarAfterMissedBlockAck", "false (the A-MPDU is retransmitted, soliciting its Block Ack)"),
        ("ns3::WifiRemoteStationManager::RtsCtsThreshold", "4692480 (no RTS/CTS)"),
        ("ns3::WifiMacQueue::MaxSize", "20000p (the AP's queue holds a full A-MPDU per receiver)"),
        ("ns3::WifiMacQueue::MaxDelay", "10s"),
        ("WifiHelper::SetStandard", std),
        ("WifiHelper::SetRemoteStationManager", "ns3::ConstantRateWifiManager DataMode=%s ControlMode=OfdmRate24Mbps" % mode),
        ("YansWifiPhy::ChannelSettings", "{0, %d, BAND_5GHZ, 0}" % width),
        ("YansWifiPhy::Antennas / MaxSupportedTx/RxSpatialStreams", str(nss)),
        ("YansWifiChannelHelper", "Default() (LogDistance, ConstantSpeed)"),
        ("StaWifiMac::ActiveProbing", "false"),
        ("mobility", "AP at origin, stations on a %.0f m circle" % RADIUS_M),
        ("ARP", "NeighborCacheHelper::PopulateNeighborCache() (static ARP entries: no ARP exchange)"),
        ("settled", "first check (every %.1f s from %.1f s, no traffic) finding every station associated, as did the %d checks before it; column settled_s" % (ASSOC_CHECK, ASSOC_FIRST_CHECK, ASSOC_STABLE_CHECKS - 1)),
        ("primer", "each flow first sends 5 packets %.0f ms apart from settled + %.2f s + %.0f ms x i (Block Ack agreements set up before the medium is saturated)" % (PRIMER_SPACING * 1e3, PRIMER_DELAY, PRIMER_SPACING * 1e3)),
        ("traffic", "OnOff UDP, %d-byte payload, always on, 1.5 x PHY rate / N per source (every per-receiver or per-station queue backlogged), source i starts %.1f s after the last primer + 1 ms x i" % (UDP_PAYLOAD, PRIMER_TO_APP)),
        ("measurement", "received packets x 1500 bytes over %.1f s, from %.1f s after the sources start; columns associated and agreements: stations associated at the end, Block Ack agreements established at the start (AP as originator downlink, stations uplink)" % (MEASURE_S, APP_TO_MEASURE)),
    ]


def run_point(config, ampdu, direction, n, diagnose=False):
    from ns import ns
    std, width, nss, mode = CONFIGS[config]
    he = std == "80211ax"
    ns.RngSeedManager.SetSeed(1)
    ns.RngSeedManager.SetRun(1)
    ns.Config.SetDefault("ns3::HeConfiguration::GuardInterval", ns.TimeValue(ns.NanoSeconds(800)))
    ns.Config.SetDefault("ns3::HtConfiguration::ShortGuardIntervalSupported", ns.BooleanValue(False))
    ns.Config.SetDefault("ns3::WifiMac::BE_MaxAmpduSize", ns.UintegerValue((6500631 if he else 1048575) if ampdu else 0))
    ns.Config.SetDefault("ns3::WifiMac::BE_MaxAmsduSize", ns.UintegerValue(0))
    ns.Config.SetDefault("ns3::WifiMac::MpduBufferSize", ns.UintegerValue(256 if he else 64))
    ns.Config.SetDefault("ns3::WifiMac::FrameRetryLimit", ns.UintegerValue(7))
    ns.Config.SetDefault("ns3::QosTxop::UseExplicitBarAfterMissedBlockAck", ns.BooleanValue(False))
    ns.Config.SetDefault("ns3::WifiRemoteStationManager::RtsCtsThreshold", ns.UintegerValue(4692480))
    ns.Config.SetDefault("ns3::WifiMacQueue::MaxSize", ns.QueueSizeValue(ns.QueueSize("20000p")))
    ns.Config.SetDefault("ns3::WifiMacQueue::MaxDelay", ns.TimeValue(ns.Seconds(10)))

    ap = ns.NodeContainer()
    ap.Create(1)
    stas = ns.NodeContainer()
    stas.Create(n)

    channel = ns.YansWifiChannelHelper.Default()
    phy = ns.YansWifiPhyHelper()
    phy.SetChannel(channel.Create())
    phy.Set("ChannelSettings", ns.StringValue("{0, %d, BAND_5GHZ, 0}" % width))
    phy.Set("Antennas", ns.UintegerValue(nss))
    phy.Set("MaxSupportedTxSpatialStreams", ns.UintegerValue(nss))
    phy.Set("MaxSupportedRxSpatialStreams", ns.UintegerValue(nss))

    wifi = ns.WifiHelper()
    wifi.SetStandard(ns.WIFI_STANDARD_80211ax if he else ns.WIFI_STANDARD_80211ac)
    wifi.SetRemoteStationManager("ns3::ConstantRateWifiManager", "DataMode", ns.StringValue(mode),
                                 "ControlMode", ns.StringValue("OfdmRate24Mbps"))
    mac = ns.WifiMacHelper()
    ssid = ns.Ssid("schoolnet")
    mac.SetType("ns3::StaWifiMac", "Ssid", ns.SsidValue(ssid), "ActiveProbing", ns.BooleanValue(False))
    sta_devs = wifi.Install(phy, mac, stas)
    mac.SetType("ns3::ApWifiMac", "Ssid", ns.SsidValue(ssid))
    ap_devs = wifi.Install(phy, mac, ap)

    pos = ns.ListPositionAllocator()
    pos.Add(ns.Vector(0, 0, 0))
    for i in range(n):
        a = 2 * math.pi * i / n
        pos.Add(ns.Vector(RADIUS_M * math.cos(a), RADIUS_M * math.sin(a), 0))
    mob = ns.MobilityHelper()
    mob.SetPositionAllocator(pos)
    mob.SetMobilityModel("ns3::ConstantPositionMobilityModel")
    mob.Install(ap)
    mob.Install(stas)

    stack = ns.InternetStackHelper()
    stack.Install(ap)
    stack.Install(stas)
    addr = ns.Ipv4AddressHelper()
    addr.SetBase(ns.Ipv4Address("10.1.0.0"), ns.Ipv4Mask("255.255.0.0"))
    ap_if = addr.Assign(ap_devs)
    sta_if = addr.Assign(sta_devs)
    ns.NeighborCacheHelper().PopulateNeighborCache()

    if diagnose:
        import cppyy
        cppyy.cppdef(DIAGNOSE_CPP)
        cppyy.gbl.schoolnet_diag.Connect()
        root = ap.Get(0).GetObject[ns.TrafficControlLayer]().GetRootQueueDiscOnDevice(ap_devs.Get(0))
        cppyy.gbl.schoolnet_diag.ConnectDrops(ap_devs.Get(0).GetMac().GetTxopQueue(ns.AC_BE), root)

    # Let every station associate (no traffic yet) before anything else starts.
    t, stable = ASSOC_FIRST_CHECK, 0
    while True:
        ns.Simulator.Stop(ns.Seconds(t) - ns.Simulator.Now())
        ns.Simulator.Run()
        if all(ns.DynamicCast[ns.StaWifiMac](sta_devs.Get(i).GetMac()).IsAssociated() for i in range(n)):
            stable += 1
        else:
            stable = 0
        if stable >= ASSOC_STABLE_CHECKS:
            break
        if t > ASSOC_GIVE_UP:
            raise RuntimeError("stations not all associated after %.1f s" % t)
        t = round(t + ASSOC_CHECK, 6)
    settled = ns.Simulator.Now().GetSeconds()
    app_start = PRIMER_DELAY + PRIMER_SPACING * (n - 1) + PRIMER_TO_APP

    per_source_bps = int(1.5 * PHY_RATE_MBPS[config] * 1e6 / (n if direction == "ul" else n))
    sinks = []
    for i in range(n):
        port = 9000 + i
        if direction == "ul":
            src_node, dst_node, dst_ip = stas.Get(i), ap.Get(0), ap_if.GetAddress(0)
        else:
            src_node, dst_node, dst_ip = ap.Get(0), stas.Get(i), sta_if.GetAddress(i)
        sink_helper = ns.PacketSinkHelper("ns3::UdpSocketFactory",
                                          ns.InetSocketAddress(ns.Ipv4Address.GetAny(), port).ConvertTo())
        sink_apps = sink_helper.Install(dst_node)
        sink_apps.Start(ns.Seconds(0.0))
        sinks.append(sink_apps.Get(0))
        onoff = ns.OnOffHelper("ns3::UdpSocketFactory", ns.InetSocketAddress(dst_ip, port).ConvertTo())
        onoff.SetConstantRate(ns.DataRate(per_source_bps), UDP_PAYLOAD)
        apps = onoff.Install(src_node)
        apps.Start(ns.Seconds(app_start + 0.001 * i))
        primer = ns.UdpClientHelper(ns.InetSocketAddress(dst_ip, port).ConvertTo())
        primer.SetAttribute("MaxPackets", ns.UintegerValue(5))
        primer.SetAttribute("Interval", ns.TimeValue(ns.MilliSeconds(10)))
        primer.SetAttribute("PacketSize", ns.UintegerValue(UDP_PAYLOAD))
        papps = primer.Install(src_node)
        papps.Start(ns.Seconds(PRIMER_DELAY + PRIMER_SPACING * i))

    def rx_packets():
        return [ns.DynamicCast[ns.PacketSink](s).GetTotalRx() // UDP_PAYLOAD for s in sinks]

    measure_start = settled + app_start + APP_TO_MEASURE
    measure_end = measure_start + MEASURE_S
    ap_addr = ns.Mac48Address.ConvertFrom(ap_devs.Get(0).GetAddress())
    sta_addrs = [ns.Mac48Address.ConvertFrom(sta_devs.Get(i).GetAddress()) for i in range(n)]

    def agreements():
        if direction == "dl":
            mac = ap_devs.Get(0).GetMac()
            return sum(1 for a in sta_addrs if bool(mac.GetBaAgreementEstablishedAsOriginator(a, 0)))
        return sum(1 for i in range(n) if bool(sta_devs.Get(i).GetMac().GetBaAgreementEstablishedAsOriginator(ap_addr, 0)))

    if diagnose:
        cppyy.gbl.schoolnet_diag.Window(measure_start, measure_end)
    ns.Simulator.Stop(ns.Seconds(measure_start) - ns.Simulator.Now())
    ns.Simulator.Run()
    before = rx_packets()
    agreements_start = agreements()
    ns.Simulator.Stop(ns.Seconds(MEASURE_S))
    ns.Simulator.Run()
    after = rx_packets()
    associated_end = sum(1 for i in range(n) if ns.DynamicCast[ns.StaWifiMac](sta_devs.Get(i).GetMac()).IsAssociated())
    if diagnose:
        ap_mac = ap_devs.Get(0).GetMac()
        for i in range(n):
            addr = ns.Mac48Address.ConvertFrom(sta_devs.Get(i).GetAddress())
            agreement = bool(ap_mac.GetBaAgreementEstablishedAsOriginator(addr, 0))
            print("station %d: received %d MSDUs, from the AP %s, AP's Block Ack agreement %s; %s"
                  % (i, after[i] - before[i], cppyy.gbl.schoolnet_diag.Row(addr), agreement,
                     cppyy.gbl.schoolnet_diag.History(sta_devs.Get(i).GetNode().GetId(), addr)), flush=True)
        print("AP best-effort queue at %.1f s: %d packets; dropped in the measured second: %d from it, %d by the queue disc; "
              "dropped by the AP's ARP in the whole run: %d; settled at %.1f s, measured %.1f-%.1f s"
              % (measure_end, ap_mac.GetTxopQueue(ns.AC_BE).GetNPackets(), cppyy.gbl.schoolnet_diag.macQueueDrops,
                 cppyy.gbl.schoolnet_diag.queueDiscDrops, cppyy.gbl.schoolnet_diag.arpDrops, settled, measure_start, measure_end), flush=True)
    # Simulator::Destroy is skipped: the bindings' teardown can abort.
    per = [(b - a) * 1500 * 8 / MEASURE_S / 1e6 for a, b in zip(before, after)]
    total = sum(per)
    jain = total * total / (n * sum(x * x for x in per)) if total > 0 else 0.0
    active = sum(1 for x in per if x > 0)
    # The result is printed and the process ends here, before Python destroys this function's
    # ns-3 objects: that teardown can corrupt the heap and abort the process (cppyy).
    print("RESULT %.3f %.4f %d %.1f %d %d" % (total, jain, active, settled, associated_end, agreements_start), flush=True)
    os._exit(0)


# Counters for `diagnose`, compiled into the ns-3 process by cppyy (this script's own code).
DIAGNOSE_CPP = r"""
#include <map>
#include <vector>
#include <cstdio>
#include <sstream>
namespace schoolnet_diag {
struct Count { uint64_t ppdus = 0, mpdus = 0, single = 0; };
std::map<ns3::Mac48Address, Count> fromAP;
double from = 0, to = 0;
uint64_t macQueueDrops = 0, queueDiscDrops = 0, arpDrops = 0;
std::map<std::string, std::vector<double>> assoc;                      // node: +association, -loss times
std::map<ns3::Mac48Address, std::vector<std::pair<double, int>>> baLog;  // AP as originator: time, state
void Assoc(std::string ctx, ns3::Mac48Address) { assoc[ctx.substr(0, ctx.find("/DeviceList"))].push_back(ns3::Simulator::Now().GetSeconds()); }
void DeAssoc(std::string ctx, ns3::Mac48Address) { assoc[ctx.substr(0, ctx.find("/DeviceList"))].push_back(-ns3::Simulator::Now().GetSeconds()); }
void ArpDrop(ns3::Ptr<const ns3::Packet>) { arpDrops++; }
void BaState(ns3::Time t, ns3::Mac48Address r, uint8_t, ns3::OriginatorBlockAckAgreement::State s) { baLog[r].push_back({t.GetSeconds(), (int)s}); }
std::string History(int node, ns3::Mac48Address a) {
  std::ostringstream os; os << "association";
  for (double t : assoc["/NodeList/" + std::to_string(node)]) os << (t < 0 ? " lost " : " ") << (t < 0 ? -t : t);
  const char* names[] = {"pending", "established", "no-reply", "reset", "rejected"};
  os << "; AP's agreement";
  for (auto& [t, s] : baLog[a]) os << " " << names[s] << " " << t;
  return os.str();
}
bool Measuring() { double now = ns3::Simulator::Now().GetSeconds(); return now >= from && now < to; }
void MacDrop(ns3::Ptr<const ns3::WifiMpdu>) { if (Measuring()) macQueueDrops++; }
void QueueDiscDrop(ns3::Ptr<const ns3::QueueDiscItem>) { if (Measuring()) queueDiscDrops++; }
void ConnectDrops(ns3::Ptr<ns3::WifiMacQueue> q, ns3::Ptr<ns3::QueueDisc> root) {
  q->TraceConnectWithoutContext("Drop", ns3::MakeCallback(&MacDrop));
  q->TraceConnectWithoutContext("Expired", ns3::MakeCallback(&MacDrop));
  if (!root) return;
  root->TraceConnectWithoutContext("Drop", ns3::MakeCallback(&QueueDiscDrop));
  for (size_t i = 0; i < root->GetNQueueDiscClasses(); i++)
    root->GetQueueDiscClass(i)->GetQueueDisc()->TraceConnectWithoutContext("Drop", ns3::MakeCallback(&QueueDiscDrop));
}
void TxPsdu(std::string context, ns3::WifiConstPsduMap m, ns3::WifiTxVector, double) {
  double now = ns3::Simulator::Now().GetSeconds();
  if (now < from || now >= to || context.find("/NodeList/0/") != 0) return;
  for (auto& [id, psdu] : m) {
    auto& c = fromAP[psdu->GetAddr1()];
    c.ppdus++; c.mpdus += psdu->GetNMpdus(); if (psdu->GetNMpdus() == 1) c.single++;
  }
}
void Window(double f, double t) { from = f; to = t; }
void Connect() {
  from = to = 1e9;
  ns3::Config::Connect("/NodeList/*/DeviceList/*/$ns3::WifiNetDevice/Mac/$ns3::StaWifiMac/Assoc", ns3::MakeCallback(&Assoc));
  ns3::Config::Connect("/NodeList/*/DeviceList/*/$ns3::WifiNetDevice/Mac/$ns3::StaWifiMac/DeAssoc", ns3::MakeCallback(&DeAssoc));
  ns3::Config::ConnectWithoutContext("/NodeList/0/$ns3::ArpL3Protocol/Drop", ns3::MakeCallback(&ArpDrop));
  ns3::Config::ConnectWithoutContext("/NodeList/0/DeviceList/*/$ns3::WifiNetDevice/Mac/BE_Txop/BlockAckManager/AgreementState", ns3::MakeCallback(&BaState));
  ns3::Config::Connect("/NodeList/*/DeviceList/*/$ns3::WifiNetDevice/Phys/*/PhyTxPsduBegin", ns3::MakeCallback(&TxPsdu));
}
std::string Row(ns3::Mac48Address a) {
  auto& c = fromAP[a];
  std::ostringstream os; os << "ppdus " << c.ppdus << " mpdus " << c.mpdus << " single_mpdu_ppdus " << c.single;
  return os.str();
}
}
"""

FIELDS = ["config", "ampdu", "direction", "stations", "msdu_mbps", "jain", "active_stations",
          "settled_s", "associated", "agreements", "wall_s"]


def sweep(path):
    """Runs every point missing from `path`, appending each as it finishes."""
    here = os.path.dirname(os.path.abspath(__file__))
    done = set()
    if os.path.exists(path):
        with open(path) as f:
            for row in csv.DictReader(line for line in f if not line.startswith("#")):
                done.add((row["config"], row["ampdu"], row["direction"], row["stations"]))
    else:
        with open(path, "w") as f:
            f.write("# ns-3 3.44 (PyPI ns3 3.44.post0), driver Reference/ns3-wifi/wifi_saturation.py\n")
            for config in CONFIGS:
                for ampdu in (True, False):
                    for k, v in attributes(config, ampdu):
                        f.write("# %s ampdu=%s: %s = %s\n" % (config, "on" if ampdu else "off", k, v))
            f.write(",".join(FIELDS) + "\n")
    order = [(c, a, d, n) for d in ("dl", "ul") for n in STATIONS for c in CONFIGS for a in ("on", "off")]
    for c, a, d, n in order:
        if (c, a, d, str(n)) in done:
            continue
        t0 = time.time()
        out = subprocess.run([sys.executable, os.path.join(here, "wifi_saturation.py"), "point", c, a, d, str(n)],
                             capture_output=True, text=True)
        line = [l for l in out.stdout.splitlines() if l.startswith("RESULT ")]
        if not line:
            print("failed", c, a, d, n, out.stderr[-2000:], flush=True)
            continue
        total, jain, active, settled, associated, agreements = line[-1].split()[1:]
        with open(path, "a") as f:
            f.write("%s,%s,%s,%d,%s,%s,%s,%s,%s,%s,%.0f\n" % (c, a, d, n, total, jain, active, settled, associated,
                                                            agreements, time.time() - t0))
        print(c, a, d, n, total, jain, active, settled, associated, agreements, "%.0fs" % (time.time() - t0), flush=True)


if __name__ == "__main__":
    if sys.argv[1] in ("point", "diagnose"):
        c, a, d, n = sys.argv[2], sys.argv[3] == "on", sys.argv[4], int(sys.argv[5])
        run_point(c, a, d, n, diagnose=sys.argv[1] == "diagnose")  # prints RESULT and ends the process
    else:
        sweep(sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "table.csv"))
