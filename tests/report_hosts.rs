//! `destination_host` and the summary's share of network flows that name a host: a URL's
//! authority, `host:port` or an IPv4 address counts; a charset, file name or path does not.

use dexflow::report::destination_host;

#[test]
fn hosts_of_urls_patterns_and_bare_hosts() {
    let cases = [
        ("https://api.example.com/x", Some("api.example.com")),
        ("https://*.example.com/api/?", Some("*.example.com")),
        ("http://10.0.0.1:80/x", Some("10.0.0.1")),
        ("ssh://user@h.example.com:22", Some("h.example.com")),
        ("sync.example.net:8080", Some("sync.example.net")),
        ("10.1.2.3", Some("10.1.2.3")),
        ("smtp.example.org", None),
        ("cloud.dict.yaml", None),
        ("UTF-8", None),
        ("a/b.c", None),
        ("file:///sdcard/x", None),
        ("://x.y", None),
        ("", None),
        (".example.com", None),
    ];
    for (dest, want) in cases {
        assert_eq!(destination_host(dest), want, "{dest}");
    }
}

#[test]
fn the_sample_scan_counts_network_flows_with_a_host() {
    let report = crate::util::repo().join("sample-apks/expected-output/scan.json");
    let text = std::fs::read_to_string(report).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut net = 0;
    let mut with_host = 0;
    for app in v["apps"].as_array().unwrap() {
        for f in app["flows"].as_array().unwrap() {
            if f["sink"]["category"] == "network" {
                net += 1;
                if f["destination"]
                    .as_str()
                    .and_then(destination_host)
                    .is_some()
                {
                    with_host += 1;
                }
            }
        }
    }
    assert!(net > 0 && with_host > 0 && with_host < net);
    assert_eq!(v["summary"]["network_flows"], net);
    assert_eq!(v["summary"]["network_flows_with_host"], with_host);
}
