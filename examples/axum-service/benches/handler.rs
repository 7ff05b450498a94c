//! The cost of validation inside the example handler (BENCHMARKS.md, "Inside a service"):
//! the whole handler in process with and without validation, the in-handler work alone
//! (parse once, context, check, the service's own check), and serializing the 422 body.
//!
//! ```text
//! cargo bench -p helix-axum-service --bench handler -- --noplot
//! ```

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::Request;
use criterion::{criterion_group, criterion_main, Criterion};
use helix_axum_service::{router, App};
use helix_customer_rules::time::{Date, Month};
use helix_customer_rules::{Outcome, ParsedPatch, ValidationContext};
use http_body_util::BodyExt;
use tower::ServiceExt;

const HELIX_GET: &[u8] = include_bytes!("../../../tests/helix/customer-get.json");

/// Accepted: a few properties changed, two phones; the program freezes names and email.
const ACCEPTED: &str = r#"{"customerId": 1234, "gender": "U", "suffix": "", "isOptedInToBankCommunication": true,
  "phones": [{"phoneType": "Home", "number": "5152221212"}, {"phoneType": "Office", "number": "5152223434"}]}"#;
/// Rejected: four violations (60302, 60303, 60306, 66907).
const REJECTED: &str = r#"{"customerId": 1234, "firstName": "Augusta", "gender": "X", "tag": "taken",
  "addresses": [{"addressType": "residence", "addressLine1": "PO Box 12", "city": "Ames",
                 "state": "IA", "postalCode": "50010", "country": "US"}]}"#;

fn app(rt: &tokio::runtime::Runtime, validate: bool) -> Arc<App> {
    let mut app = App::new(r#"{"allowNameUpdate": false, "allowEmailUpdate": false}"#).unwrap();
    app.today = Some(Date::from_calendar_date(2026, Month::November, 23).unwrap());
    app.validate = validate;
    rt.block_on(async {
        app.store.load_helix_response(HELIX_GET).await.unwrap();
        app.store
            .load_helix_response(br#"{"data": {"customerId": 99, "tag": "taken"}, "errors": []}"#)
            .await
            .unwrap();
    });
    Arc::new(app)
}

/// One request through the router, its response body read to the end.
async fn request(app: &Arc<App>, body: &'static str) -> usize {
    let request = Request::post("/customers/1234")
        .body(Body::from(Bytes::from_static(body.as_bytes())))
        .unwrap();
    let response = router(Arc::clone(app)).oneshot(request).await.unwrap();
    let len = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .len();
    // Accepted updates are kept as sent; drop them so memory stays flat over the run.
    app.store.take_sent().await;
    len
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let with = app(&rt, true);
    let without = app(&rt, false);

    let mut g = c.benchmark_group("handler");
    g.bench_function("with_validation/accepted", |b| {
        b.iter(|| rt.block_on(request(&with, ACCEPTED)));
    });
    g.bench_function("with_validation/rejected", |b| {
        b.iter(|| rt.block_on(request(&with, REJECTED)));
    });
    g.bench_function("without_validation", |b| {
        b.iter(|| rt.block_on(request(&without, ACCEPTED)));
    });
    g.finish();

    // The handler's own work with the store's answers in hand: what validation adds.
    let current = rt.block_on(with.store.current(1234)).unwrap();
    let today = with.today.unwrap();
    let in_handler = |body: &[u8], owner: Option<i64>| {
        let parsed = ParsedPatch::read(body);
        let tag = parsed.tag().map(str::to_owned);
        let cx = ValidationContext::new(today)
            .with_current(&current)
            .with_tag_fn(move |t| {
                if tag.as_deref() == Some(t) {
                    owner
                } else {
                    None
                }
            });
        parsed.check(&with.settings, &cx)
    };
    let mut g = c.benchmark_group("in_handler");
    g.bench_function("parse_and_check/accepted", |b| {
        b.iter(|| in_handler(ACCEPTED.as_bytes(), None));
    });
    g.bench_function("parse_and_check/rejected", |b| {
        b.iter(|| in_handler(REJECTED.as_bytes(), Some(99)));
    });
    let rejected: Outcome = in_handler(REJECTED.as_bytes(), Some(99));
    assert_eq!(rejected.violations.len(), 4);
    g.bench_function("serialize_422_body", |b| {
        b.iter(|| serde_json::to_vec(&rejected).unwrap());
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50);
    targets = bench
}
criterion_main!(benches);
