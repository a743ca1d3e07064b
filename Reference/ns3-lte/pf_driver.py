#!/usr/bin/env python3
"""SchoolNet reference driver: LTE proportional-fair downlink in ns-3 LENA.

Reproduces the setup of LENA's proportional-fair scheduler test cases on one 5 MHz
eNB (25 PRB, SISO), UEs at fixed distances (Friis path loss), full-buffer downlink
(no EPC: saturation-mode RLC), and records each UE's downlink RLC goodput, its
downlink MCS (the most frequent one in the MAC trace) and the CQI that ns-3's
adaptive modulation maps to that MCS. It also records ns-3's own CQI -> MCS -> TBS
mapping for 24 PRB (the 12 resource-block groups of 2 PRB a 5 MHz PF cell allocates).

Usage (one run after another, about a minute each under load):
    nice /work/ns3-venv/bin/python Reference/ns3-lte/pf_driver.py > Reference/ns3-lte/pf-downlink.tsv
"""
import collections
import os
import sys
import tempfile

from ns import ns

STATS_START = 0.300  # s: RRC connection and SRS settle before measuring
STATS_DURATION = 0.6  # s
ENB_TX_DBM, ENB_NF_DB = 30.0, 5.0
UE_TX_DBM, UE_NF_DB = 23.0, 9.0

# (case, distances in m): equal channels as LENA's test case 1, mixed as its test case 2,
# and a cell of 10 UEs, half near and half far.
CASES = []
for d in (0, 4800, 6000, 10000, 20000):
    for n in (1, 3, 6, 12, 15):
        CASES.append(("equal", [d] * n))
CASES.append(("mixed", [0, 4800, 6000, 10000, 20000]))
CASES.append(("halves", [0] * 5 + [10000] * 5))


def run(distances, workdir):
    ns.Config.Reset()
    ns.RngSeedManager.SetSeed(1)
    ns.RngSeedManager.SetRun(1)
    ns.Config.SetDefault("ns3::LteSpectrumPhy::CtrlErrorModelEnabled", ns.BooleanValue(False))
    ns.Config.SetDefault("ns3::LteSpectrumPhy::DataErrorModelEnabled", ns.BooleanValue(False))
    ns.Config.SetDefault("ns3::LteHelper::UseIdealRrc", ns.BooleanValue(True))
    dl_mac = os.path.join(workdir, "DlMacStats.txt")
    ns.Config.SetDefault("ns3::MacStatsCalculator::DlOutputFilename", ns.StringValue(dl_mac))
    ns.Config.SetDefault("ns3::MacStatsCalculator::UlOutputFilename", ns.StringValue(os.path.join(workdir, "UlMacStats.txt")))
    ns.Config.SetDefault("ns3::RadioBearerStatsCalculator::DlRlcOutputFilename", ns.StringValue(os.path.join(workdir, "DlRlc.txt")))
    ns.Config.SetDefault("ns3::RadioBearerStatsCalculator::UlRlcOutputFilename", ns.StringValue(os.path.join(workdir, "UlRlc.txt")))

    lte = ns.CreateObject[ns.LteHelper]()
    lte.SetAttribute("PathlossModel", ns.StringValue("ns3::FriisSpectrumPropagationLossModel"))
    enbs, ues = ns.NodeContainer(), ns.NodeContainer()
    enbs.Create(1)
    ues.Create(len(distances))
    mobility = ns.MobilityHelper()
    mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel")
    mobility.Install(enbs)
    mobility.Install(ues)
    lte.SetSchedulerType("ns3::PfFfMacScheduler")
    lte.SetSchedulerAttribute("UlCqiFilter", ns.EnumValue["ns3::FfMacScheduler::UlCqiFilter_t"](ns.FfMacScheduler.SRS_UL_CQI))
    enb_devs = lte.InstallEnbDevice(enbs)
    ue_devs = lte.InstallUeDevice(ues)
    lte.Attach(ue_devs, enb_devs.Get(0))
    lte.ActivateDataRadioBearer(ue_devs, ns.EpsBearer(ns.EpsBearer.GBR_CONV_VOICE))
    enb_phy = enb_devs.Get(0).GetObject[ns.LteEnbNetDevice]().GetPhy()
    enb_phy.SetAttribute("TxPower", ns.DoubleValue(ENB_TX_DBM))
    enb_phy.SetAttribute("NoiseFigure", ns.DoubleValue(ENB_NF_DB))
    imsis = []
    for i, d in enumerate(distances):
        ues.Get(i).GetObject[ns.ConstantPositionMobilityModel]().SetPosition(ns.Vector(d, 0.0, 0.0))
        dev = ue_devs.Get(i).GetObject[ns.LteUeNetDevice]()
        dev.GetPhy().SetAttribute("TxPower", ns.DoubleValue(UE_TX_DBM))
        dev.GetPhy().SetAttribute("NoiseFigure", ns.DoubleValue(UE_NF_DB))
        imsis.append(dev.GetImsi())

    ns.Simulator.Stop(ns.Seconds(STATS_START + STATS_DURATION - 0.000001))
    lte.EnableMacTraces()
    lte.EnableRlcTraces()
    rlc = lte.GetRlcStats()
    rlc.SetAttribute("StartTime", ns.TimeValue(ns.Seconds(STATS_START)))
    rlc.SetAttribute("EpochDuration", ns.TimeValue(ns.Seconds(STATS_DURATION)))
    ns.Simulator.Run()
    rx = [rlc.GetDlRxData(imsi, 3) for imsi in imsis]
    ns.Simulator.Destroy()

    mcs = collections.defaultdict(collections.Counter)
    with open(dl_mac) as f:
        for line in f:
            if line.startswith("%"):
                continue
            c = line.split()  # time cellId IMSI frame sframe RNTI mcsTb1 sizeTb1 mcsTb2 sizeTb2 ccId
            if float(c[0]) >= STATS_START:
                mcs[int(c[2])][int(c[6])] += 1
    out = []
    for imsi, b in zip(imsis, rx):
        m = mcs[imsi].most_common(1)[0][0] if mcs[imsi] else -1
        out.append((imsi, b * 8 / STATS_DURATION, m))
    return out


def main():
    amc = ns.CreateObject[ns.LteAmc]()
    cqi_of_mcs = {}
    for cqi in range(15, 0, -1):
        cqi_of_mcs[amc.GetMcsFromCqi(cqi)] = cqi
    print("# ns-3 3.44 (PyPI ns3 3.44.post0), LENA PfFfMacScheduler, downlink full buffer (LteRlcSm, no EPC)")
    print("# attributes: LteHelper::PathlossModel=ns3::FriisSpectrumPropagationLossModel; LteHelper::UseIdealRrc=true;"
          " LteSpectrumPhy::CtrlErrorModelEnabled=false; LteSpectrumPhy::DataErrorModelEnabled=false;"
          " PfFfMacScheduler::UlCqiFilter=SRS_UL_CQI; LteEnbPhy::TxPower=30 dBm, NoiseFigure=5 dB;"
          " LteUePhy::TxPower=23 dBm, NoiseFigure=9 dB; bearer GBR_CONV_VOICE; ns-3 defaults otherwise"
          " (5 MHz = 25 PRB, SISO transmission mode, 2.12 GHz DL EARFCN 100); RngRun=1")
    print("# measured: RLC bytes received per UE from %.1f s for %.1f s; mcs = most frequent DL MCS in the MAC trace;"
          " cqi = highest CQI ns-3's LteAmc maps to that MCS" % (STATS_START, STATS_DURATION))
    print("# ns-3 LteAmc mapping, 24 PRB: cqi mcs tbsBits")
    for cqi in range(1, 16):
        m = amc.GetMcsFromCqi(cqi)
        print("#amc\t%d\t%d\t%d" % (cqi, m, amc.GetDlTbSizeFromMcs(m, 24)))
    print("case\tues\tue\tdistance_m\tmcs\tcqi\tdownlink_bps")
    with tempfile.TemporaryDirectory() as workdir:
        for name, distances in CASES:
            for i, (imsi, bps, m) in enumerate(run(distances, workdir)):
                print("%s\t%d\t%d\t%d\t%d\t%d\t%.0f" % (name, len(distances), i + 1, distances[i], m, cqi_of_mcs.get(m, 0), bps))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
