//! The HTTP JSON API over a store: documents, entities, quotes, timeline, search, `POST
//! /analyze`, and `POST /documents` for writes when the server was started with a token.
//! `GET /openapi.json` describes it. Bodies are limited ([`MAX_BODY`]), requests time out
//! ([`TIMEOUT`]), and bad input gets a 4xx with a JSON `{"error": ...}`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use newsgraph_doc::{Doc, WireOptions};
use newsgraph_store::query::Filter;
use newsgraph_store::Store;
use serde::Deserialize;
use serde_json::{json, Value};

/// The largest request body accepted.
pub const MAX_BODY: usize = 5 * 1024 * 1024;
/// How long one request may take.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// What the server serves.
#[derive(Clone, Debug)]
pub struct Config {
    pub db: PathBuf,
    /// When set, `POST /documents` requires `Authorization: Bearer <token>`; when not, the API
    /// is read-only.
    pub token: Option<String>,
}

/// An error answer.
#[derive(Debug)]
pub struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({"error": self.1}))).into_response()
    }
}

fn bad(message: impl Into<String>) -> ApiError {
    ApiError(StatusCode::BAD_REQUEST, message.into())
}

/// Runs blocking store work off the async threads, with the request timeout.
async fn blocking<T: Send + 'static>(
    config: &Arc<Config>,
    work: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let db = config.db.clone();
    let task = tokio::task::spawn_blocking(move || {
        let store = Store::open(&db)
            .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        work(&store)
    });
    match tokio::time::timeout(TIMEOUT, task).await {
        Ok(Ok(result)) => result,
        Ok(Err(_)) => Err(ApiError(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the request failed".into(),
        )),
        Err(_) => Err(ApiError(
            StatusCode::SERVICE_UNAVAILABLE,
            "the request timed out".into(),
        )),
    }
}

fn internal<E: std::fmt::Display>(e: E) -> ApiError {
    ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
}

/// Query parameters of the list endpoints.
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    q: Option<String>,
    speaker: Option<String>,
    actor: Option<String>,
    from: Option<String>,
    to: Option<String>,
    source: Option<String>,
    limit: Option<usize>,
    top: Option<usize>,
    offset: Option<usize>,
}

impl Params {
    fn filter(&self) -> Result<Filter, ApiError> {
        for (name, value) in [("from", &self.from), ("to", &self.to)] {
            if let Some(v) = value {
                let ok = v.len() <= 10 && v.bytes().all(|b| b.is_ascii_digit() || b == b'-');
                if !ok {
                    return Err(bad(format!(
                        "{name} must be a date such as 2025-02 or 2025-02-14"
                    )));
                }
            }
        }
        let limit = self.limit.or(self.top).unwrap_or(50);
        if limit == 0 || limit > 1000 {
            return Err(bad("limit must be between 1 and 1000"));
        }
        Ok(Filter {
            speaker: self.speaker.clone().or_else(|| self.actor.clone()),
            from: self.from.clone(),
            to: self.to.clone(),
            source: self.source.clone(),
            limit,
        })
    }
}

/// The router, for serving or testing.
pub fn router(config: Config) -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/openapi.json", get(openapi))
        .route("/documents", get(documents).post(add_documents))
        .route("/documents/{id}", get(document))
        .route("/entities", get(entities))
        .route("/quotes", get(quotes))
        .route("/timeline", get(timeline))
        .route("/search", get(search))
        .route("/analyze", post(analyze))
        .fallback(|| async {
            ApiError(
                StatusCode::NOT_FOUND,
                "no such endpoint; see /openapi.json".into(),
            )
        })
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(Arc::new(config))
}

async fn health(State(c): State<Arc<Config>>) -> Result<Json<Value>, ApiError> {
    let n = blocking(&c, |s| s.count().map_err(internal)).await?;
    Ok(Json(
        json!({"status": "ok", "documents": n, "writable": c.token.is_some()}),
    ))
}

async fn openapi() -> impl IntoResponse {
    ([("content-type", "application/json")], OPENAPI)
}

async fn documents(
    State(c): State<Arc<Config>>,
    Query(p): Query<Params>,
) -> Result<Json<Value>, ApiError> {
    let limit = p.filter()?.limit as i64;
    let offset = p.offset.unwrap_or(0) as i64;
    let rows = blocking(&c, move |s| {
        let mut stmt = s
            .connection()
            .prepare("SELECT id, name, url, title, published, language FROM documents ORDER BY id LIMIT ?1 OFFSET ?2")
            .map_err(internal)?;
        let rows = stmt
            .query_map([limit, offset], |r| {
                Ok(json!({
                    "id": r.get::<_, i64>(0)?, "name": r.get::<_, Option<String>>(1)?,
                    "url": r.get::<_, Option<String>>(2)?, "title": r.get::<_, Option<String>>(3)?,
                    "published": r.get::<_, Option<String>>(4)?, "language": r.get::<_, Option<String>>(5)?,
                }))
            })
            .map_err(internal)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(internal)
    })
    .await?;
    Ok(Json(json!({"documents": rows})))
}

async fn document(
    State(c): State<Arc<Config>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id: i64 = id.parse().map_err(|_| bad("a document id is a number"))?;
    let doc = blocking(&c, move |s| {
        s.connection()
            .query_row("SELECT doc FROM documents WHERE id = ?1", [id], |r| {
                r.get::<_, String>(0)
            })
            .map_err(|_| ApiError(StatusCode::NOT_FOUND, format!("no document {id}")))
    })
    .await?;
    Ok(([("content-type", "application/json")], doc).into_response())
}

async fn entities(
    State(c): State<Arc<Config>>,
    Query(p): Query<Params>,
) -> Result<Json<Value>, ApiError> {
    let limit = p.filter()?.limit;
    let rows = blocking(&c, move |s| s.entities(limit).map_err(internal)).await?;
    Ok(Json(json!({"entities": rows})))
}

async fn quotes(
    State(c): State<Arc<Config>>,
    Query(p): Query<Params>,
) -> Result<Json<Value>, ApiError> {
    let filter = p.filter()?;
    let rows = blocking(&c, move |s| s.quotes(None, &filter).map_err(internal)).await?;
    Ok(Json(json!({"quotes": rows})))
}

async fn timeline(
    State(c): State<Arc<Config>>,
    Query(p): Query<Params>,
) -> Result<Json<Value>, ApiError> {
    let filter = p.filter()?;
    let rows = blocking(&c, move |s| s.timeline(&filter).map_err(internal)).await?;
    Ok(Json(json!({"timeline": rows})))
}

async fn search(
    State(c): State<Arc<Config>>,
    Query(p): Query<Params>,
) -> Result<Json<Value>, ApiError> {
    let q =
        p.q.clone()
            .filter(|q| !q.trim().is_empty())
            .ok_or_else(|| bad("search needs q, the words to look for"))?;
    let filter = p.filter()?;
    let (quotes, articles) = blocking(&c, move |s| {
        let quotes = s.quotes(Some(&q), &filter).map_err(internal)?;
        let articles = s.documents(&q, &filter).map_err(internal)?;
        Ok((quotes, articles))
    })
    .await?;
    Ok(Json(json!({"quotes": quotes, "articles": articles})))
}

/// A body to analyse: JSON `{"text": ..., "date": ...}` or plain text.
fn parse_body(headers: &HeaderMap, body: &[u8]) -> Result<(Doc, Option<String>), ApiError> {
    let is_json = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        let v: Value =
            serde_json::from_slice(body).map_err(|e| bad(format!("the body is not JSON: {e}")))?;
        let text = v["text"]
            .as_str()
            .ok_or_else(|| bad("the JSON body needs a \"text\" string"))?;
        let mut doc = Doc::new(text);
        doc.url = v["url"].as_str().map(str::to_owned);
        doc.name = v["name"].as_str().map(str::to_owned);
        return Ok((doc, v["date"].as_str().map(str::to_owned)));
    }
    let doc = newsgraph_analyze::decode(body)
        .map_err(|e| ApiError(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
    Ok((doc, None))
}

async fn analyze(headers: HeaderMap, body: axum::body::Bytes) -> Result<Response, ApiError> {
    let (mut doc, date) = parse_body(&headers, &body)?;
    if let Some(d) = date {
        doc.publication_date = Some(
            newsgraph_analyze::pubdate::given(&d).ok_or_else(|| bad("date must be YYYY-MM-DD"))?,
        );
    }
    let task = tokio::task::spawn_blocking(move || {
        newsgraph_analyze::analyze(&mut doc);
        doc.to_json(WireOptions::default())
    });
    let json = match tokio::time::timeout(TIMEOUT, task).await {
        Ok(Ok(json)) => json,
        Ok(Err(_)) => return Err(internal("the analysis failed")),
        Err(_) => {
            return Err(ApiError(
                StatusCode::SERVICE_UNAVAILABLE,
                "the analysis timed out".into(),
            ))
        }
    };
    Ok(Json(json).into_response())
}

async fn add_documents(
    State(c): State<Arc<Config>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let Some(token) = &c.token else {
        return Err(ApiError(
            StatusCode::FORBIDDEN,
            "this server is read-only (start it with --token to allow writes)".into(),
        ));
    };
    let given = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if given != Some(token.as_str()) {
        return Err(ApiError(
            StatusCode::UNAUTHORIZED,
            "a valid bearer token is required to write".into(),
        ));
    }
    let (mut doc, date) = parse_body(&headers, &body)?;
    if let Some(d) = date {
        doc.publication_date = Some(
            newsgraph_analyze::pubdate::given(&d).ok_or_else(|| bad("date must be YYYY-MM-DD"))?,
        );
    }
    let n = blocking(&c, move |_| {
        newsgraph_analyze::analyze(&mut doc);
        Ok(doc)
    })
    .await
    .map(|doc| (c.db.clone(), doc))
    .and_then(|(db, doc)| {
        let mut store = Store::open(&db).map_err(internal)?;
        store
            .insert_batch(std::slice::from_ref(&doc))
            .map_err(internal)
    })?;
    Ok((StatusCode::CREATED, Json(json!({"added": n}))).into_response())
}

/// Serves `config` on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: Config,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(config))
        .with_graceful_shutdown(shutdown)
        .await
}

/// The OpenAPI description of this API.
pub const OPENAPI: &str = include_str!("openapi.json");
