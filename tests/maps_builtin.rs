//! The embedded `permission-maps/` load cleanly for both rule sets and answer the lookups the
//! taint engine and the reporter depend on.

use std::sync::OnceLock;

use dexflow::maps::{Models, Port, RuleSet, SourceKind, UriConfidence};

/// Loaded once per rule set: parsing every map file is the slow part of these tests.
fn load(rules: RuleSet) -> &'static Models {
    static PRIVACY: OnceLock<Models> = OnceLock::new();
    static BROAD: OnceLock<Models> = OnceLock::new();
    let cell = match rules {
        RuleSet::Privacy => &PRIVACY,
        RuleSet::Broad => &BROAD,
    };
    cell.get_or_init(|| match Models::builtin(rules) {
        Ok(m) => m,
        Err(e) => panic!("builtin maps do not load:\n{e}"),
    })
}

const TM: &str = "Landroid/telephony/TelephonyManager;";

#[test]
fn builtin_loads_without_warnings() {
    for rules in [RuleSet::Privacy, RuleSet::Broad] {
        let m = load(rules);
        assert!(m.warnings().is_empty(), "{rules:?}: {:#?}", m.warnings());
        assert_eq!(m.rule_set(), rules);
        let s = m.stats();
        assert!(
            s.sources > 100 && s.sinks > 100 && s.propagations > 100,
            "{s:?}"
        );
        assert!(s.sdks >= 45, "{s:?}");
        assert!(s.uri_fields >= 40 && s.uri_prefixes >= 20, "{s:?}");
    }
}

#[test]
fn load_dir_matches_builtin() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("permission-maps");
    let from_dir = Models::load_dir(&dir, RuleSet::Broad).unwrap();
    assert_eq!(from_dir.stats(), load(RuleSet::Broad).stats());
}

#[test]
fn device_id_source_in_both_sets() {
    for rules in [RuleSet::Privacy, RuleSet::Broad] {
        let m = load(rules);
        let model = m.lookup(TM, "getDeviceId()Ljava/lang/String;").unwrap();
        let src = &model.sources[0];
        assert_eq!(&*src.category, "device_id");
        assert_eq!(src.kind, SourceKind::Call);
        assert_eq!(src.port, Port::Return);
        assert!(
            src.rule_sets.contains(&RuleSet::Privacy) && src.rule_sets.contains(&RuleSet::Broad)
        );
        assert!(model.sinks.is_empty());
        assert_eq!(
            m.permissions_for(&format!("{TM}->getDeviceId()Ljava/lang/String;"))
                .iter()
                .map(|p| &**p)
                .collect::<Vec<_>>(),
            ["android.permission.READ_PHONE_STATE"]
        );
        // the phone number is its own category
        let line1 = m.lookup(TM, "getLine1Number()Ljava/lang/String;").unwrap();
        assert_eq!(&*line1.sources[0].category, "phone_number");
    }
}

#[test]
fn log_is_a_sink_only_in_broad() {
    let sig = "d(Ljava/lang/String;Ljava/lang/String;)I";
    let broad = load(RuleSet::Broad);
    let sink = &broad.lookup("Landroid/util/Log;", sig).unwrap().sinks[0];
    assert_eq!(&*sink.category, "log");
    assert_eq!(sink.ports, vec![Port::Arg(1)]);
    let privacy = load(RuleSet::Privacy);
    assert!(
        privacy
            .lookup("Landroid/util/Log;", sig)
            .is_none_or(|m| m.sinks.is_empty())
    );
    // EditText text is a broad-only, non-personal source
    let edit = (
        "Landroid/widget/EditText;",
        "getText()Landroid/text/Editable;",
    );
    assert_eq!(
        &*broad.lookup(edit.0, edit.1).unwrap().sources[0].category,
        "user_input"
    );
    assert!(
        privacy
            .lookup(edit.0, edit.1)
            .is_none_or(|m| m.sources.is_empty())
    );
}

#[test]
fn privacy_sources_are_personal_or_uri_gated() {
    let m = load(RuleSet::Privacy);
    for (class, sub) in m.methods() {
        for s in &m.lookup(class, sub).unwrap().sources {
            let personal = m.category(&s.category).unwrap().personal;
            assert!(
                personal || s.uri_arg.is_some(),
                "{class}->{sub}: {}",
                s.category
            );
        }
    }
}

#[test]
fn okhttp_destination_and_relocated_copies() {
    let m = load(RuleSet::Privacy);
    let sub = "url(Ljava/lang/String;)Lokhttp3/Request$Builder;";
    let direct = m.lookup("Lokhttp3/Request$Builder;", sub).unwrap();
    let sink = &direct.sinks[0];
    assert_eq!(&*sink.category, "network");
    assert_eq!(sink.destination, Some(Port::Arg(0)));
    assert!(!direct.propagations.is_empty(), "builder carries the url");
    assert!(m.lookup_suffix("Lokhttp3/Request$Builder;", sub).is_some());

    let shaded = "Lcom/foo/shaded/okhttp3/Request$Builder;";
    assert!(m.lookup(shaded, sub).is_none());
    let relocated_sub = "url(Ljava/lang/String;)Lcom/foo/shaded/okhttp3/Request$Builder;";
    let model = m.lookup_suffix(shaded, relocated_sub).unwrap();
    assert_eq!(model.sinks[0].destination, Some(Port::Arg(0)));
    assert!(
        m.lookup_suffix("Lcom/foo/notokhttp3/Request$Builder;", sub)
            .is_none()
    );
    // Call.execute in a relocated copy
    let call = m
        .lookup_suffix(
            "Lcom/tencent/cloud/huiyansdkface/okhttp3/Call;",
            "execute()Lcom/tencent/cloud/huiyansdkface/okhttp3/Response;",
        )
        .unwrap();
    assert_eq!(call.sinks[0].ports, vec![Port::This]);
}

#[test]
fn sms_and_network_stream_sinks() {
    let m = load(RuleSet::Privacy);
    let send = "sendTextMessage(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Landroid/app/PendingIntent;Landroid/app/PendingIntent;)V";
    let sink = &m
        .lookup("Landroid/telephony/SmsManager;", send)
        .unwrap()
        .sinks[0];
    assert_eq!(&*sink.category, "sms");
    assert_eq!(sink.ports, vec![Port::Arg(0), Port::Arg(2)]);
    assert!(
        m.permissions_for(&format!("Landroid/telephony/SmsManager;->{send}"))
            .iter()
            .any(|p| &**p == "android.permission.SEND_SMS")
    );

    let write = m.lookup("Ljava/io/OutputStream;", "write([B)V").unwrap();
    assert_eq!(
        write.sinks.len(),
        1,
        "privacy: only the network-stream sink"
    );
    assert!(
        !write.propagations.is_empty(),
        "write(*) propagation merged into the exact model"
    );
    assert_eq!(
        m.sink_requirement(&write.sinks[0].id),
        Some("network-stream")
    );
    assert_eq!(
        m.stream_factory(
            "Ljava/net/URLConnection;",
            "getOutputStream()Ljava/io/OutputStream;"
        ),
        Some("network-stream")
    );
    let broad = load(RuleSet::Broad);
    let cats: Vec<&str> = broad
        .lookup("Ljava/io/OutputStream;", "write([B)V")
        .unwrap()
        .sinks
        .iter()
        .map(|s| &*s.category)
        .collect();
    assert_eq!(cats, ["network", "file"]);
    let open = &m
        .lookup("Ljava/net/URL;", "openConnection()Ljava/net/URLConnection;")
        .unwrap()
        .sinks[0];
    assert_eq!(
        (open.ports.clone(), open.destination),
        (vec![Port::This], Some(Port::This))
    );
}

#[test]
fn callbacks_gates_and_social_sources() {
    let m = load(RuleSet::Privacy);
    let loc = &m
        .lookup(
            "Landroid/location/LocationListener;",
            "onLocationChanged(Landroid/location/Location;)V",
        )
        .unwrap()
        .sources[0];
    assert_eq!(
        (loc.kind, loc.port, &*loc.category),
        (SourceKind::CallbackParameter, Port::Arg(0), "location")
    );

    let settings = m
        .lookup(
            "Landroid/provider/Settings$Secure;",
            "getString(Landroid/content/ContentResolver;Ljava/lang/String;)Ljava/lang/String;",
        )
        .unwrap();
    let gate = m.const_gate(&settings.sources[0].id).unwrap();
    assert_eq!(gate.arg, 1);
    assert_eq!(&*gate.values[0], "android_id");

    let wx = &m
        .lookup(
            "Lcom/tencent/mm/opensdk/openapi/IWXAPIEventHandler;",
            "onResp(Lcom/tencent/mm/opensdk/modelbase/BaseResp;)V",
        )
        .unwrap()
        .sources[0];
    assert_eq!(&*wx.category, "social_profile");
    let friends = &m
        .lookup(
            "Lcom/facebook/GraphRequest$GraphJSONArrayCallback;",
            "onCompleted(Lorg/json/JSONArray;Lcom/facebook/GraphResponse;)V",
        )
        .unwrap()
        .sources[0];
    assert_eq!(&*friends.category, "social_graph");
    assert_eq!(
        &*m.field_source("Landroid/os/Build;->SERIAL:Ljava/lang/String;")
            .unwrap()
            .category,
        "device_id"
    );
    let query = &m
        .lookup("Landroid/content/ContentResolver;", "query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;")
        .unwrap()
        .sources[0];
    assert_eq!(
        (query.uri_arg, &*query.category),
        (Some(0), "content_provider")
    );
}

#[test]
fn snap_tiktok_sources_and_volley_return_sinks() {
    for rules in [RuleSet::Privacy, RuleSet::Broad] {
        let m = load(rules);
        for (class, method) in [
            (
                "Lcom/snapchat/kit/sdk/login/networking/FetchUserDataCallback;",
                "onSuccess(Lcom/snapchat/kit/sdk/login/models/UserDataResponse;)V",
            ),
            (
                "Lcom/snapchat/kit/sdk/login/api/UserDataResultCallback;",
                "onSuccess(Lcom/snapchat/kit/sdk/login/api/models/UserDataResult;)V",
            ),
            (
                "Lcom/snap/loginkit/UserDataResultCallback;",
                "onSuccess(Lcom/snap/loginkit/models/UserDataResult;)V",
            ),
        ] {
            let s = &m.lookup(class, method).unwrap().sources[0];
            assert_eq!(
                (s.kind, s.port, &*s.category),
                (
                    SourceKind::CallbackParameter,
                    Port::Arg(0),
                    "social_profile"
                ),
                "{class}"
            );
        }
        let tiktok = &m
            .lookup(
                "Lcom/tiktok/open/sdk/auth/AuthApi;",
                "getAuthResponseFromIntent(Landroid/content/Intent;Ljava/lang/String;)Lcom/tiktok/open/sdk/auth/AuthResponse;",
            )
            .unwrap()
            .sources[0];
        assert_eq!(
            (tiktok.kind, tiktok.port, &*tiktok.category),
            (SourceKind::Call, Port::Return, "social_profile")
        );
        assert_eq!(
            m.sdk_for_class("Lcom/tiktok/open/sdk/auth/AuthApi;")
                .map(|s| &*s.name),
            Some("TikTok OpenSDK")
        );
        for method in [
            "getParams()Ljava/util/Map;",
            "getBody()[B",
            "getHeaders()Ljava/util/Map;",
        ] {
            let r = m.return_sinks("Lcom/android/volley/Request;", method);
            assert_eq!(r.len(), 1, "{method}");
            assert_eq!(
                (&*r[0].category, r[0].destination),
                ("network", Some(Port::This))
            );
        }
        assert_eq!(m.stats().return_sinks, 5);
        // only the Volley method itself, not the app's override class
        assert!(
            m.return_sinks("Lcom/app/MyRequest;", "getParams()Ljava/util/Map;")
                .is_empty()
        );
    }
}

#[test]
fn propagation_and_channels() {
    let m = load(RuleSet::Privacy);
    // `append(*)` covers every overload
    let append = m
        .lookup(
            "Ljava/lang/StringBuilder;",
            "append(Ljava/lang/String;)Ljava/lang/StringBuilder;",
        )
        .unwrap();
    assert!(append.propagations[0].from.contains(&Port::Arg(0)));
    assert!(append.propagations[0].to.contains(&Port::Return));
    assert!(
        m.lookup(
            "Ljava/lang/StringBuilder;",
            "append(J)Ljava/lang/StringBuilder;"
        )
        .is_some()
    );
    assert!(
        m.lookup("Ljava/lang/String;", "length()I")
            .unwrap()
            .sanitizer
    );
    let copy = &m
        .lookup(
            "Ljava/lang/System;",
            "arraycopy(Ljava/lang/Object;ILjava/lang/Object;II)V",
        )
        .unwrap()
        .propagations[0];
    assert_eq!(
        (copy.from.clone(), copy.to.clone()),
        (vec![Port::Arg(0)], vec![Port::Arg(2)])
    );

    let put = m
        .lookup(
            "Landroid/content/Intent;",
            "putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;",
        )
        .unwrap();
    let ch = &put.channels[0];
    assert_eq!(
        (&*ch.channel, ch.put, ch.key_arg, ch.value),
        ("intent-extra", true, Some(0), Port::Arg(1))
    );
    assert!(
        !put.propagations.is_empty(),
        "the Intent object also carries its extras"
    );
    let get = &m
        .lookup(
            "Landroid/content/SharedPreferences;",
            "getString(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
        )
        .unwrap()
        .channels[0];
    assert_eq!(
        (&*get.channel, get.put, get.value),
        ("shared-preferences", false, Port::Return)
    );
}

#[test]
fn classify_uris() {
    let m = load(RuleSet::Privacy);
    let cat = |u: &str| m.classify_uri(u).map(|(c, conf)| (c.to_string(), conf));
    let high = |c: &str| Some((c.to_string(), UriConfidence::High));
    assert_eq!(
        cat("content://com.android.contacts/data/phones"),
        high("contacts")
    );
    assert_eq!(
        cat("content://10@com.android.contacts/contacts/"),
        high("contacts")
    );
    assert_eq!(cat("content://contacts/people"), high("contacts"));
    assert_eq!(
        cat("content://com.android.contacts/profile/data"),
        high("user_profile")
    );
    assert_eq!(
        cat("content://call_log/calls?allow_voicemails=true"),
        high("call_log")
    );
    assert_eq!(cat("content://sms/inbox"), high("sms"));
    assert_eq!(cat("content://mms-sms/conversations"), high("sms"));
    assert_eq!(
        cat("CONTENT://com.android.calendar/events"),
        high("calendar")
    );
    assert_eq!(
        cat("content://settings/secure/android_id"),
        Some(("device_id".to_string(), UriConfidence::Low))
    );
    assert_eq!(cat("content://com.example.provider/items"), None);
    assert_eq!(cat("content://smsx/inbox"), None);
    assert_eq!(cat("https://com.android.contacts/"), None);
    assert_eq!(cat(""), None);

    let phone = m
        .uri_field("Landroid/provider/ContactsContract$CommonDataKinds$Phone;->CONTENT_URI:Landroid/net/Uri;")
        .unwrap();
    assert_eq!(phone, "content://com.android.contacts/data/phones");
    let calls = m
        .uri_field("Landroid/provider/CallLog$Calls;->CONTENT_URI:Landroid/net/Uri;")
        .unwrap();
    assert_eq!(cat(calls), high("call_log"));
    let sms = m
        .uri_field("Landroid/provider/Telephony$Sms;->CONTENT_URI:Landroid/net/Uri;")
        .unwrap();
    assert_eq!(cat(sms), high("sms"));
    assert_eq!(m.column_category("data1"), Some("contacts"));
    assert_eq!(m.column_category("body"), Some("sms"));
    assert_eq!(m.column_category("_id"), None);
}

#[test]
fn sdk_attribution() {
    let m = load(RuleSet::Privacy);
    let sdk = |c: &str| m.sdk_for_class(c).map(|s| s.id.to_string());
    assert_eq!(
        sdk("Lcom/umeng/analytics/MobclickAgent;").as_deref(),
        Some("umeng-analytics")
    );
    assert_eq!(
        sdk("Lcom/umeng/socialize/UMShareAPI;").as_deref(),
        Some("umeng-social")
    );
    assert_eq!(
        sdk("Lcom/tencent/mm/opensdk/openapi/WXAPIFactory;").as_deref(),
        Some("wechat-opensdk")
    );
    assert_eq!(
        sdk("Lcom/bytedance/sdk/openadsdk/TTAdSdk;").as_deref(),
        Some("pangle")
    );
    assert_eq!(
        sdk("Lcom/ss/android/socialbase/downloader/m/z;").as_deref(),
        Some("bytedance-common")
    );
    assert_eq!(
        sdk("Lcom/facebook/GraphRequest$Callback;").as_deref(),
        Some("facebook-login")
    );
    assert_eq!(sdk("Lcom/facebook/react/ReactActivity;"), None);
    assert_eq!(sdk("Lcom/example/app/MainActivity;"), None);
    let wechat = m
        .sdk_for_class("Lcom/tencent/mm/opensdk/openapi/WXAPIFactory;")
        .unwrap();
    assert_eq!((&*wechat.company, &*wechat.kind), ("Tencent", "social"));
    assert!(
        m.sdks().windows(2).all(|w| w[0].id < w[1].id),
        "sorted by id"
    );
}

#[test]
fn categories_permissions_annotations() {
    let m = load(RuleSet::Privacy);
    let contacts = m.category("contacts").unwrap();
    assert!(contacts.personal);
    assert_eq!(&*contacts.play_data_types[0], "PSL_CONTACTS");
    assert!(!m.category("user_input").unwrap().personal);
    for id in [
        "contacts",
        "call_log",
        "sms",
        "accounts",
        "phone_number",
        "device_id",
        "location",
        "calendar",
        "installed_apps",
        "clipboard",
        "social_profile",
        "social_graph",
    ] {
        assert!(m.category(id).is_some_and(|c| c.personal), "{id}");
    }
    let ids: Vec<&str> = m.categories().map(|c| &*c.id).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    assert!(m.is_dangerous("android.permission.READ_CONTACTS"));
    assert!(!m.is_dangerous("android.permission.INTERNET"));
    let body = m.http_annotation("Lretrofit2/http/Body;").unwrap();
    assert_eq!((&*body.target, &*body.part), ("parameter", "body"));
    assert!(
        m.http_annotation("Lretrofit2/http/Url;")
            .unwrap()
            .carries_url
    );
    assert!(m.retrofit_annotations().len() > 30);
    assert!(m.sink_category("network").unwrap().exfiltration);
    assert!(!m.sink_category("log").unwrap().exfiltration);
}

#[test]
fn schema_covers_every_builtin_file() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("permission-maps");
    let text = std::fs::read_to_string(dir.join("schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let files = schema["files"].as_object().unwrap();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".toml") {
            assert!(files.contains_key(&name), "schema.json lacks {name}");
        }
    }
    assert_eq!(files.len(), 11);
}

#[test]
fn serializers_are_deep_and_stream_writes_need_provenance() {
    let m = load(RuleSet::Broad);
    let to_json = m
        .lookup(
            "Lcom/google/gson/Gson;",
            "toJson(Ljava/lang/Object;)Ljava/lang/String;",
        )
        .unwrap();
    assert!(to_json.deep);
    let write = m
        .lookup(
            "Ljava/io/ObjectOutputStream;",
            "writeObject(Ljava/lang/Object;)V",
        )
        .unwrap();
    assert!(write.deep);
    assert!(
        !m.lookup(
            "Ljava/lang/StringBuilder;",
            "append(Ljava/lang/String;)Ljava/lang/StringBuilder;"
        )
        .unwrap()
        .deep
    );
    assert_eq!(
        m.sink_requirement("stream.write-network"),
        Some("network-stream")
    );
    assert_eq!(m.sink_requirement("stream.write-file"), Some("file-stream"));
    assert_eq!(
        m.stream_factory("Ljava/io/FileOutputStream;", "<init>(Ljava/io/File;)V"),
        Some("file-stream")
    );
    assert_eq!(
        m.stream_factory(
            "Ljava/net/URLConnection;",
            "getOutputStream()Ljava/io/OutputStream;"
        ),
        Some("network-stream")
    );
}

#[test]
fn social_scope_strings_are_found_in_scope_lists() {
    let m = load(RuleSet::Privacy);
    let s = m.scope_string("email,user_friends").unwrap();
    assert_eq!((&*s.sdk, &*s.category), ("Facebook", "social_graph"));
    assert_eq!(
        &*m.scope_string("snsapi_userinfo").unwrap().category,
        "social_profile"
    );
    assert!(m.scope_string("email public_profile").is_none());
    assert!(m.scope_string("my_user_friends_list").is_none());
}
