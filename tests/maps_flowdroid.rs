//! FlowDroid `SourcesAndSinks.txt` lines import into loaded models.

use dexflow::maps::{Models, Port, RuleSet, SourceKind};

const LIST: &str = "\
% FlowDroid-style list written for this test
<android.telephony.TelephonyManager: java.lang.String getDeviceId()> -> _SOURCE_
<com.example.Secret: java.lang.String token()> -> _SOURCE_

% [location]
<com.example.Gps: double[] fix(int,java.lang.String[])> android.permission.ACCESS_FINE_LOCATION -> _SOURCE_
<android.telephony.SmsManager: void sendTextMessage(java.lang.String,java.lang.String,java.lang.String,android.app.PendingIntent,android.app.PendingIntent)> android.permission.SEND_SMS -> _SINK_
<com.example.Net: void upload()> -> _SINK_
<com.example.Both: java.lang.String relay(java.lang.String)> -> _BOTH_
<com.example.Void: void nothing()> -> _SOURCE_
";

#[test]
fn imports_sources_sinks_and_both() {
    let mut m = Models::builtin(RuleSet::Broad).unwrap();
    let notes = m.import_flowdroid(LIST, "my-list.txt").unwrap();

    let secret = &m.lookup("Lcom/example/Secret;", "token()Ljava/lang/String;").unwrap().sources[0];
    assert_eq!((&*secret.category, secret.kind, secret.port), ("flowdroid", SourceKind::Call, Port::Return));
    assert_eq!(&*secret.id, "flowdroid:my-list.txt:3");
    assert_eq!(secret.rule_sets, vec![RuleSet::Broad]);

    let gps = &m.lookup("Lcom/example/Gps;", "fix(I[Ljava/lang/String;)[D").unwrap().sources[0];
    assert_eq!(&*gps.category, "location", "`% [location]` sets the category");
    assert!(m
        .permissions_for("Lcom/example/Gps;->fix(I[Ljava/lang/String;)[D")
        .iter()
        .any(|p| &**p == "android.permission.ACCESS_FINE_LOCATION"));

    let upload = &m.lookup("Lcom/example/Net;", "upload()V").unwrap().sinks[0];
    assert_eq!(upload.ports, vec![Port::This], "no arguments: the receiver leaks");
    let both = m.lookup("Lcom/example/Both;", "relay(Ljava/lang/String;)Ljava/lang/String;").unwrap();
    assert_eq!((both.sources.len(), both.sinks.len()), (1, 1));
    assert_eq!(both.sinks[0].ports, vec![Port::Arg(0)]);

    // already modelled APIs keep the curated rules; void sources are reported
    let dev = m.lookup("Landroid/telephony/TelephonyManager;", "getDeviceId()Ljava/lang/String;").unwrap();
    assert_eq!(dev.sources.len(), 1);
    assert_eq!(&*dev.sources[0].category, "device_id");
    assert!(notes.iter().any(|d| d.code == "map-already-modelled" && d.location.as_deref() == Some("my-list.txt:2")));
    assert!(notes.iter().any(|d| d.code == "map-rule-never-fires" && d.location.as_deref() == Some("my-list.txt:10")));
    assert!(m.lookup("Lcom/example/Void;", "nothing()V").is_none(), "nothing added for a skipped line");
}

#[test]
fn malformed_lines_reject_the_whole_import() {
    let mut m = Models::builtin(RuleSet::Privacy).unwrap();
    let before = m.stats();
    let text = "<com.example.Ok: int ok()> -> _SOURCE_\n<com.example.Bad int bad()> -> _SOURCE_\n<com.example.X: int x()> -> _SOMETHING_\n% [no_such]\nnot a rule\n";
    let err = m.import_flowdroid(text, "bad.txt").unwrap_err();
    let locs: Vec<&str> = err.errors.iter().filter_map(|d| d.location.as_deref()).collect();
    assert_eq!(locs, ["bad.txt:2", "bad.txt:3", "bad.txt:4", "bad.txt:5"]);
    assert_eq!(m.stats(), before, "nothing imported");
    assert!(m.lookup("Lcom/example/Ok;", "ok()I").is_none());
}
