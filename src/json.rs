//! JSON in the browser without serde_json: the browser reads and writes the text
//! (`Response.json()`, `JSON.parse`, `JSON.stringify`) and serde-wasm-bindgen turns the
//! JavaScript values into the shared crate's types and back. A JSON parser and writer
//! compiled into the app would be bytes every learner downloads for work the browser does
//! anyway (issue 13; BENCHMARKS.md, "Web app size").

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// `value` as JSON text, the same text serde_json writes for the shared types: maps as
/// objects, `None` as `null`, integers as numbers.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    let js = value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()?;
    js_sys::JSON::stringify(&js).ok()?.as_string()
}

/// JSON text read into `T`; `None` when it is not JSON or not a `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_wasm_bindgen::from_value(js_sys::JSON::parse(text).ok()?).ok()
}

/// A response's body read as JSON into `T`; `None` when it is not JSON or not a `T`.
pub async fn read<T: DeserializeOwned>(res: Response) -> Option<T> {
    let promise = web_sys::Response::from(res).json().ok()?;
    let value: JsValue = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// The request with `body` as its JSON body; `None` when `body` cannot be written as JSON.
pub fn with_body<B: Serialize + ?Sized>(req: RequestBuilder, body: &B) -> Option<Request> {
    req.header("content-type", "application/json")
        .body(to_string(body)?)
        .ok()
}
