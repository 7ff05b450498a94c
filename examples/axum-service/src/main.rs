//! Runs the example service on 127.0.0.1:3000 for a program whose settings are in
//! `HELIX_SETTINGS` (JSON; default: no restrictions), with one customer loaded from a
//! Helix-shaped `GET /customer/get` answer.
//!
//! ```text
//! cargo run -p helix-axum-service
//! curl -i -X POST localhost:3000/customers/1234 -d '{"customerId": 1234, "gender": "X"}'
//! ```

use std::sync::Arc;

use helix_axum_service::{router, App};

#[allow(clippy::disallowed_methods)] // the service reads its environment, not the library
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let settings = std::env::var("HELIX_SETTINGS").unwrap_or_else(|_| "{}".to_owned());
    let app = App::new(&settings)?;
    app.store
        .load_helix_response(include_bytes!("../../../tests/helix/customer-get.json"))
        .await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, router(Arc::new(app))).await?;
    Ok(())
}
