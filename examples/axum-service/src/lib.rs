//! An axum service that checks a customer update with `helix-customer-rules` before it goes to
//! Helix: `POST /customers/{id}` with the update body, answered 422 with the result document
//! when Helix would reject it, 200 with the same document (and its warnings) when not.
//!
//! The handler reads the body once ([`ParsedPatch`]), takes what it needs from it before
//! validating (the `customerId` to compare with the URL, the `tag` whose owner it asks its
//! async store for), then validates with the program's settings (loaded once), today's date,
//! the customer's current record (as Helix's `GET /customer/get` returns it) and the tag's
//! owner, and adds its own check to the crate's violations in the contract's order.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use helix_customer_rules::time::Date;
use helix_customer_rules::{
    CustomerPatch, JsonPointer, Outcome, ParsedPatch, ProgramSettings, RecordError,
    ValidationContext, Violation,
};
use tokio::sync::{Mutex, RwLock};

/// The service's own code for a body whose `customerId` is not the URL's: neither Helix's nor
/// the crate's (a test checks the crate's catalogue does not have it).
pub const CUSTOMER_ID_MISMATCH: u32 = 900_001;

/// The service's store: current records, tag owners, and the updates it sent on. Async, as a
/// database client would be; the handler never holds its locks while validating.
#[derive(Default)]
pub struct Store {
    // Shared, so a request takes a record without copying it.
    records: RwLock<HashMap<i64, Arc<CustomerPatch>>>,
    tags: RwLock<HashMap<String, i64>>,
    sent: Mutex<Vec<CustomerPatch>>,
}

impl Store {
    /// Keeps a customer's record from Helix's `GET /customer/get` answer (the whole response
    /// body), as a service caches it.
    pub async fn load_helix_response(&self, body: &[u8]) -> Result<i64, RecordError> {
        let record = CustomerPatch::from_helix_response(body)?;
        let id = record.customer_id.unwrap_or_default();
        if let Some(tag) = &record.tag {
            self.tags.write().await.insert(tag.clone(), id);
        }
        self.records.write().await.insert(id, Arc::new(record));
        Ok(id)
    }

    /// The customer's current record.
    pub async fn current(&self, id: i64) -> Option<Arc<CustomerPatch>> {
        self.records.read().await.get(&id).cloned()
    }

    /// Who holds `tag`.
    pub async fn tag_owner(&self, tag: &str) -> Option<i64> {
        self.tags.read().await.get(tag).copied()
    }

    /// Records an accepted update (where a real service calls Helix's `POST /customer/update`).
    async fn send(&self, id: i64, patch: CustomerPatch) {
        if let Some(tag) = &patch.tag {
            self.tags.write().await.insert(tag.clone(), id);
        }
        self.sent.lock().await.push(patch);
    }

    /// The updates sent on, in order.
    pub async fn sent(&self) -> Vec<CustomerPatch> {
        self.sent.lock().await.clone()
    }

    /// The updates sent on, forgotten here.
    pub async fn take_sent(&self) -> Vec<CustomerPatch> {
        std::mem::take(&mut *self.sent.lock().await)
    }
}

/// What every request shares: the program's settings (loaded once) and the store.
pub struct App {
    /// The program's Helix settings.
    pub settings: ProgramSettings,
    /// The store.
    pub store: Store,
    /// The evaluation day; `None` reads the clock (UTC) per request. Tests fix it.
    pub today: Option<Date>,
    /// `false` skips validation: the handler reads the body as a plain `serde_json` read into
    /// a `CustomerPatch` (400 when that fails), sends it on and answers 200, as a service
    /// without this crate would. Only so that BENCHMARKS.md can measure the handler without it.
    pub validate: bool,
}

impl App {
    /// The service for a program whose settings are `settings_json` (unknown keys are an
    /// error: a misspelled switch must never allow an update).
    pub fn new(settings_json: &str) -> Result<App, serde_json::Error> {
        Ok(App {
            settings: serde_json::from_str(settings_json)?,
            store: Store::default(),
            today: None,
            validate: true,
        })
    }

    #[allow(clippy::disallowed_methods)] // the service, not the library, reads the clock
    fn today(&self) -> Date {
        self.today
            .unwrap_or_else(|| time::OffsetDateTime::now_utc().date())
    }
}

/// The routes: `POST /customers/{id}`.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/customers/{id}", post(update_customer))
        .with_state(app)
}

/// The result document with its status: 422 when Helix would reject the update.
struct Answer(Outcome);

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        let status = if self.0.valid {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        (status, Json(self.0)).into_response()
    }
}

async fn update_customer(
    State(app): State<Arc<App>>,
    Path(id): Path<i64>,
    body: Bytes,
) -> Response {
    if !app.validate {
        return match serde_json::from_slice::<CustomerPatch>(&body) {
            Ok(patch) => {
                app.store.send(id, patch).await;
                Answer(Outcome::from(Vec::new())).into_response()
            }
            Err(_) => StatusCode::BAD_REQUEST.into_response(),
        };
    }
    // Read once: the rest of the handler uses what was read.
    let parsed = ParsedPatch::read(&body);
    let Some(current) = app.store.current(id).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // The context is built before the next `.await` and used after it: it is `Send`.
    let cx = ValidationContext::new(app.today()).with_current(&current);
    let tag = parsed.tag().map(str::to_owned);
    let owner = match &tag {
        Some(t) => app.store.tag_owner(t).await,
        None => None,
    };
    // The rules ask only about the body's own tag, so its owner is all the lookup needs.
    let cx = cx.with_tag_fn(move |t| {
        if tag.as_deref() == Some(t) {
            owner
        } else {
            None
        }
    });

    let mut outcome = parsed.check(&app.settings, &cx);
    // The service's own check, reported beside Helix's in the contract's order.
    if parsed.customer_id().is_some_and(|body_id| body_id != id) {
        outcome.merge([Violation::new(
            CUSTOMER_ID_MISMATCH,
            JsonPointer::field("customerId"),
            "customerId does not match the customer in the URL.",
        )]);
    }
    if outcome.valid {
        app.store.send(id, parsed.into_patch()).await;
    }
    Answer(outcome).into_response()
}
