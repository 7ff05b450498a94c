//! What both benchmarks run: the service with its two customers, the two bodies, one request
//! through the router, and the handler's own work with the store's answers in hand.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::http::Request;
use helix_axum_service::{router, App};
use helix_customer_rules::time::{Date, Month};
use helix_customer_rules::{CustomerPatch, Outcome, ParsedPatch, ValidationContext};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub const HELIX_GET: &[u8] = include_bytes!("../../../../tests/helix/customer-get.json");

/// Accepted: a few properties changed, two phones; the program freezes names and email.
pub const ACCEPTED: &str = r#"{"customerId": 1234, "gender": "U", "suffix": "", "isOptedInToBankCommunication": true,
  "phones": [{"phoneType": "Home", "number": "5152221212"}, {"phoneType": "Office", "number": "5152223434"}]}"#;
/// Rejected: four violations (60302, 60303, 60306, 66907).
pub const REJECTED: &str = r#"{"customerId": 1234, "firstName": "Augusta", "gender": "X", "tag": "taken",
  "addresses": [{"addressType": "residence", "addressLine1": "PO Box 12", "city": "Ames",
                 "state": "IA", "postalCode": "50010", "country": "US"}]}"#;

pub fn app(rt: &tokio::runtime::Runtime, validate: bool) -> Arc<App> {
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
pub async fn request(app: &Arc<App>, body: &'static str) -> usize {
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

/// The handler's work between the store's answers and the response: parse once, context,
/// check (the customerId check adds nothing here: the ids agree).
pub fn in_handler(app: &App, current: &CustomerPatch, body: &[u8], owner: Option<i64>) -> Outcome {
    let parsed = ParsedPatch::read(body);
    let tag = parsed.tag().map(str::to_owned);
    let cx = ValidationContext::new(app.today.unwrap_or(Date::MIN))
        .with_current(current)
        .with_tag_fn(move |t| {
            if tag.as_deref() == Some(t) {
                owner
            } else {
                None
            }
        });
    parsed.check(&app.settings, &cx)
}
