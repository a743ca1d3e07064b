/// The built-in default scenario: what `schoolnet run` simulates without a file. It is the
/// text of `Scenarios/elementary-600.json` (a test keeps the two identical).
public enum DefaultScenario {
    /// The scenario JSON.
    public static let json = #"""
{
  "name": "Elementary school, 600 students, 1 Gbps best-effort fiber",
  "description": "A typical GIGA School elementary school: 6 grades x 4 classes x 25 students, one 802.11ax AP per classroom, a best-effort 1 Gbps FTTH line (IPoE) with direct internet access. In period 2 grade 6 sits the national CBT while grade 5 watches NHK for School / YouTube videos and grade 4 joins a remote class; grades 1-3 turn digital textbook pages.",
  "seed": 1,
  "day": {"start": "08:40", "end": "10:30"},
  "schools": [
    {
      "name": "es",
      "grades": 6,
      "classesPerGrade": 4,
      "studentsPerClass": 25,
      "radio": {"type": "wifi", "standard": "ax", "channelWidth": "40 MHz", "spatialStreams": 2, "mcs": 9, "aggregation": 32, "slowClients": "10 %"},
      "access": {"type": "fiber", "service": "bestEffort", "down": "1 Gbps", "up": "1 Gbps", "session": "ipoe"}
    }
  ],
  "timetable": {
    "periods": [
      {"name": "1", "start": "08:45", "end": "09:30"},
      {"name": "2", "start": "09:40", "end": "10:25"}
    ]
  },
  "activities": [
    {"activity": "textbook", "name": "Digital textbooks (grades 1-3, period 1)", "period": "1", "grades": [1, 2, 3]},
    {"activity": "cbt", "name": "National CBT (grade 6)", "period": "2", "grades": [6], "jitter": "30 s"},
    {"activity": "video", "name": "Video lesson (grade 5)", "period": "2", "grades": [5], "jitter": "60 s"},
    {"activity": "conference", "name": "Remote class (grade 4)", "period": "2", "grades": [4], "jitter": "10 s"},
    {"activity": "textbook", "name": "Digital textbooks (grades 1-3, period 2)", "period": "2", "grades": [1, 2, 3]}
  ],
  "targets": {
    "cbt.item_p95": "<= 2 s",
    "cbt.lost_answers": "<= 0",
    "video.rebuffer_ratio": "<= 1 %",
    "conference.freeze_ratio": "<= 1 %",
    "textbook.page_p95": "<= 3 s"
  }
}
"""#
}
