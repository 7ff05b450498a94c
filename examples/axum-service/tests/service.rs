//! Requests through the whole service, in process: the 422 bodies, and the accepted path.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use helix_axum_service::{router, App, CUSTOMER_ID_MISMATCH};
use helix_customer_rules::time::{Date, Month};
use helix_customer_rules::Outcome;
use http_body_util::BodyExt;
use tower::ServiceExt;

const HELIX_GET: &[u8] = include_bytes!("../../../tests/helix/customer-get.json");

/// A program that freezes names and email, with customer 1234 (tag `vip-7`) loaded from a
/// Helix-shaped `GET /customer/get` answer, and customer 99 holding the tag `taken`.
async fn app() -> Arc<App> {
    let mut app = App::new(r#"{"allowNameUpdate": false, "allowEmailUpdate": false}"#).unwrap();
    app.today = Some(Date::from_calendar_date(2026, Month::November, 23).unwrap());
    assert_eq!(
        app.store.load_helix_response(HELIX_GET).await.unwrap(),
        1234
    );
    app.store
        .load_helix_response(
            br#"{"data": {"customerId": 99, "tag": "taken"}, "errors": [], "status": 200}"#,
        )
        .await
        .unwrap();
    Arc::new(app)
}

async fn post(app: &Arc<App>, id: &str, body: impl Into<String>) -> (StatusCode, Option<Outcome>) {
    let request = Request::post(format!("/customers/{id}"))
        .header("content-type", "application/json")
        .body(Body::from(body.into()))
        .unwrap();
    let response = router(Arc::clone(app)).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    // The body, read back through the crate's own Deserialize, when there is one.
    let outcome = (!bytes.is_empty()).then(|| serde_json::from_slice(&bytes).unwrap());
    (status, outcome)
}

fn found(outcome: &Outcome) -> Vec<(u32, String, String)> {
    outcome
        .violations
        .iter()
        .map(|v| (v.code().get(), v.path().to_string(), v.message().to_owned()))
        .collect()
}

#[tokio::test]
async fn an_update_helix_accepts_is_sent_on() {
    let app = app().await;
    let (status, outcome) = post(
        &app,
        "1234",
        r#"{"customerId": 1234, "gender": "U", "phones": [{"phoneType": "Home", "number": "5152221212"}]}"#,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let outcome = outcome.unwrap();
    assert!(
        outcome.valid && outcome.violations.is_empty(),
        "{outcome:?}"
    );
    let sent = app.store.sent().await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].gender.as_deref(), Some("U"));
}

#[tokio::test]
async fn the_record_sent_back_unchanged_is_no_update() {
    // An object-model SDK sends every property back, empty email and all; names and email
    // are frozen, and nothing changed, so Helix accepts it.
    let app = app().await;
    let data = serde_json::from_slice::<serde_json::Value>(HELIX_GET).unwrap()["data"].to_string();
    let (status, outcome) = post(&app, "1234", data).await;
    assert_eq!(status, StatusCode::OK, "{outcome:?}");
    assert_eq!(app.store.sent().await.len(), 1);
}

#[tokio::test]
async fn helixs_reasons_come_back_as_a_422() {
    let app = app().await;
    let (status, outcome) = post(
        &app,
        "1234",
        r#"{"customerId": 1234, "firstName": "Augusta", "gender": "X", "tag": "taken",
            "addresses": [{"addressType": "residence", "addressLine1": "PO Box 12", "city": "Ames",
                           "state": "IA", "postalCode": "50010", "country": "US"}]}"#,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let outcome = outcome.unwrap();
    assert!(!outcome.valid);
    assert_eq!(
        found(&outcome),
        [
            (60302, "/gender".into(), "Gender is invalid. Valid values are: 'M', 'F', and 'U'.".into()),
            // The owner of `taken` came from the async store, fetched before validating.
            (60303, "/tag".into(), "Tag 'taken' is already associated with a different customer.".into()),
            (60306, "/firstName".into(), "Your program settings do not allow for firstName or lastName to be updated via API.".into()),
            (66907, "/addresses/0/addressLine1".into(), "Residential Addresses can not contain a PO Box.".into()),
        ]
    );
    assert!(
        app.store.sent().await.is_empty(),
        "a rejected update is not sent"
    );
}

#[tokio::test]
async fn the_services_own_check_joins_in_the_contracts_order() {
    assert!(
        helix_customer_rules::rule(CUSTOMER_ID_MISMATCH).is_none(),
        "the crate took the service's code"
    );
    let app = app().await;
    let (status, outcome) = post(&app, "1234", r#"{"customerId": 99, "gender": "X"}"#).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let codes: Vec<u32> = outcome
        .unwrap()
        .violations
        .iter()
        .map(|v| v.code().get())
        .collect();
    assert_eq!(codes, [60302, CUSTOMER_ID_MISMATCH]);
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_422_not_a_500() {
    let app = app().await;
    let (status, outcome) = post(&app, "1234", r#"{"customerId": 1234, "taxId": "12345"#).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let outcome = outcome.unwrap();
    assert_eq!(
        found(&outcome),
        [(
            59950,
            String::new(),
            "Unexpected end when deserializing object.".into()
        )]
    );
    // The value the body held is nowhere in the answer.
    assert!(!serde_json::to_string(&outcome).unwrap().contains("12345"));
}

#[tokio::test]
async fn an_unknown_customer_is_a_404() {
    let app = app().await;
    let (status, outcome) = post(&app, "5", r#"{"customerId": 5}"#).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(outcome.is_none());
}

#[tokio::test]
async fn without_validation_the_handler_only_reads_and_sends() {
    // The benchmark's baseline: what the handler does without the crate.
    let mut app = App::new("{}").unwrap();
    app.validate = false;
    let app = Arc::new(app);
    let (status, outcome) = post(&app, "1234", r#"{"customerId": 1234, "gender": "X"}"#).await;
    assert_eq!(status, StatusCode::OK);
    assert!(outcome.unwrap().valid);
    assert_eq!(app.store.sent().await.len(), 1);
    let (status, _) = post(&app, "1234", r#"{"gender": [5]}"#).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
