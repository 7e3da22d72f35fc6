//! The column form of a bundle's lists: `articles` (or `projects`) as one list per field
//! instead of one object per item, `{"id": ["a", "b"], "title": ["…", "…"], "cover": [null, {…}]}`,
//! `null` where an item lacks the field.
//!
//! The builder writes the site's index and the project list's part so (`parkreader build`,
//! docs/bundle-format.md): like values side by side compress far better. For 10,000 generated
//! articles and 1,000 projects, brotli 9 made the index 439,407 bytes as items and 298,699 as
//! columns. [`crate::parse_bundle`] reads either form,
//! and reports a problem at the item's path (`articles[3].published`) in both.

use serde_json::{Map, Value};

/// `bundle` as JSON, its articles and projects in column form.
#[cfg(not(target_arch = "wasm32"))]
pub fn bundle_json(bundle: &crate::Bundle) -> serde_json::Result<String> {
    let mut value = serde_json::to_value(bundle)?;
    if let Value::Object(map) = &mut value {
        for list in ["articles", "projects"] {
            if let Some(Value::Array(rows)) = map.remove(list) {
                let mut columns = to_columns(rows)?;
                if list == "articles" {
                    if let Value::Object(columns) = &mut columns {
                        body_hashes(columns);
                    }
                }
                map.insert(list.to_string(), columns);
            }
        }
    }
    serde_json::to_string(&value)
}

/// `rows` (each an object) as columns: every field any row has, with one value per row, `null`
/// for a row without it.
#[cfg(not(target_arch = "wasm32"))]
pub fn to_columns(rows: Vec<Value>) -> serde_json::Result<Value> {
    use serde::ser::Error as _;

    let count = rows.len();
    let mut columns = Map::new();
    for (i, row) in rows.into_iter().enumerate() {
        let Value::Object(fields) = row else {
            return Err(serde_json::Error::custom("an item is not an object"));
        };
        for (field, value) in fields {
            let column = columns
                .entry(field)
                .or_insert_with(|| Value::Array(vec![Value::Null; count]));
            if let Value::Array(values) = column {
                values[i] = value;
            }
        }
    }
    Ok(Value::Object(columns))
}

/// The articles' `body_url` column as `body_hash`, when every body is published as the build
/// names it, `/data/articles/<id>-<hash>.json` (6 hex digits): the hash alone, which
/// [`to_rows`] makes back into the address. Each address repeated its article's id, which
/// brotli finds far back in the `id` column at a cost: for 10,000 generated articles the
/// index took 261,388 bytes of brotli 10 with addresses and 246,658 with hashes.
#[cfg(not(target_arch = "wasm32"))]
fn body_hashes(columns: &mut Map<String, Value>) {
    let (Some(Value::Array(ids)), Some(Value::Array(urls))) =
        (columns.get("id"), columns.get("body_url"))
    else {
        return;
    };
    let hashes: Option<Vec<Value>> = ids
        .iter()
        .zip(urls)
        .map(|(id, url)| match (id, url) {
            (_, Value::Null) => Some(Value::Null),
            (Value::String(id), Value::String(url)) => {
                let hash = url
                    .strip_prefix("/data/articles/")?
                    .strip_prefix(id.as_str())?
                    .strip_prefix('-')?
                    .strip_suffix(".json")?;
                is_body_hash(hash).then(|| Value::String(hash.to_string()))
            }
            _ => None,
        })
        .collect();
    if let Some(hashes) = hashes {
        columns.remove("body_url");
        columns.insert("body_hash".to_string(), Value::Array(hashes));
    }
}

/// An article's `body_url` written as its hash alone (in column form, see [`body_hashes`]),
/// back as its address. (Put under `body_url` as the rows are filled, and not removed from
/// `body_hash` here: removing a key brought 1.5 KB into the app's wasm.) Only for a list
/// that had hashes: a `body_url` of six hex digits written as such is no address, and stays
/// one the validation refuses.
fn body_url_of(row: &mut Map<String, Value>) {
    let id = match row.get("id") {
        Some(Value::String(id)) => id.clone(),
        _ => return,
    };
    if let Some(Value::String(url)) = row.get_mut("body_url") {
        if is_body_hash(url) {
            *url = format!("/data/articles/{id}-{url}.json");
        }
    }
}

/// Six lowercase hex digits: the hash in the name the build gives a body.
fn is_body_hash(hash: &str) -> bool {
    hash.len() == 6 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Columns back as rows: one object per value, leaving out the fields whose value is `null`.
/// The problem, when there is one, is at the path `list.field` (a list of another length) or
/// `list` (an object that is not columns: an item written without its list, most likely).
pub(crate) fn to_rows(
    list: &str,
    mut columns: Map<String, Value>,
) -> Result<Vec<Value>, [String; 2]> {
    let mut rows: Vec<Map<String, Value>> = Vec::new();
    let mut first: Option<(String, usize)> = None;
    let mut had_hashes = false;
    // Values taken in place: consuming the map would bring its own iterator into the app.
    for (field, column) in columns.iter_mut() {
        let Value::Array(values) = column.take() else {
            return Err([
                list.to_string(),
                format!(
                    "expected a list, found an object whose `{field}` is not a list of values (an object here is read as columns, one list of values per field)"
                ),
            ]);
        };
        match &first {
            None => {
                // Not `vec![Map::new(); n]`: cloning a map pulls a deep copy of JSON values
                // into the app's wasm.
                rows = (0..values.len()).map(|_| Map::new()).collect();
                first = Some((field.clone(), values.len()));
            }
            Some((name, len)) if *len != values.len() => {
                return Err([
                    format!("{list}.{field}"),
                    format!(
                        "has {} value{} where {name} has {len}; each field's list has one value per item",
                        values.len(),
                        if values.len() == 1 { "" } else { "s" }
                    ),
                ]);
            }
            Some(_) => {}
        }
        let hashes = list == "articles" && field == "body_hash";
        had_hashes |= hashes;
        for (row, value) in rows.iter_mut().zip(values) {
            if !value.is_null() {
                row.insert(
                    if hashes {
                        "body_url".to_string()
                    } else {
                        field.clone()
                    },
                    value,
                );
            }
        }
    }
    if had_hashes {
        rows.iter_mut().for_each(body_url_of);
    }
    Ok(rows.into_iter().map(Value::Object).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn columns_turn_back_into_the_rows_they_came_from() {
        let rows = vec![
            json!({"id": "a", "title": "甲", "tags": ["x"]}),
            json!({"id": "b", "title": "乙", "cover": {"src": "/media/b.jpg"}}),
        ];
        let columns = to_columns(rows.clone()).unwrap();
        assert_eq!(
            columns,
            json!({
                "id": ["a", "b"],
                "title": ["甲", "乙"],
                "tags": [["x"], null],
                "cover": [null, {"src": "/media/b.jpg"}],
            })
        );
        let Value::Object(map) = columns else {
            unreachable!()
        };
        assert_eq!(to_rows("articles", map).unwrap(), rows);
    }

    #[test]
    fn a_bundle_in_columns_reads_as_the_bundle() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../public/data/bundle.json"
        ))
        .unwrap();
        let bundle = crate::parse_bundle(&text).unwrap();
        let json = bundle_json(&bundle).unwrap();
        assert!(json.contains(r#""articles":{"#), "{}", &json[..200]);
        assert_eq!(crate::parse_bundle(&json).unwrap(), bundle);

        // A column one value short is named, and the bundle refused (its articles lost, the
        // projects' references to them are problems too).
        let mut value: Value = serde_json::from_str(&json).unwrap();
        value["articles"]["title"].as_array_mut().unwrap().pop();
        let problems = crate::parse_bundle(&value.to_string())
            .unwrap_err()
            .problems();
        let count = bundle.articles.len();
        assert_eq!(
            problems[0],
            format!(
                "articles.title: has {} values where author has {count}; each field's list has one value per item",
                count - 1
            )
        );
    }

    /// Bodies published as the build names them are written by their hash alone, and read
    /// back as their addresses; any other address keeps the column of addresses.
    #[test]
    fn body_addresses_the_build_names_are_written_as_their_hashes() {
        let rows = vec![
            json!({"id": "a1", "body_url": "/data/articles/a1-0a9f3c.json"}),
            json!({"id": "a2", "body": []}),
        ];
        let Value::Object(mut columns) = to_columns(rows.clone()).unwrap() else {
            unreachable!()
        };
        body_hashes(&mut columns);
        assert_eq!(columns["body_hash"], json!(["0a9f3c", null]));
        assert!(!columns.contains_key("body_url"));
        assert_eq!(to_rows("articles", columns).unwrap(), rows);
        // Another name (a bundle's own), another id, or no hash: addresses stay.
        for url in [
            "/data/articles/a1.json",
            "/data/articles/a2-0a9f3c.json",
            "/data/bodies/a1-0a9f3c.json",
            "/data/articles/a1-0A9F3C.json",
        ] {
            let Value::Object(mut columns) =
                to_columns(vec![json!({"id": "a1", "body_url": url})]).unwrap()
            else {
                unreachable!()
            };
            body_hashes(&mut columns);
            assert_eq!(columns["body_url"], json!([url]), "{url}");
        }
        // A hash that is not one is read as the address it is not, which validation refuses.
        let Value::Object(columns) = json!({"id": ["a1"], "body_hash": ["../x"]}) else {
            unreachable!()
        };
        assert_eq!(
            to_rows("articles", columns).unwrap(),
            vec![json!({"id": "a1", "body_url": "../x"})]
        );
        // Six hex digits written as an address are none, and stay as written.
        let Value::Object(columns) = json!({"id": ["a1"], "body_url": ["0a9f3c"]}) else {
            unreachable!()
        };
        assert_eq!(
            to_rows("articles", columns).unwrap(),
            vec![json!({"id": "a1", "body_url": "0a9f3c"})]
        );
    }

    #[test]
    fn no_rows_are_no_columns() {
        let rows: Vec<Value> = Vec::new();
        assert_eq!(to_columns(rows).unwrap(), json!({}));
        assert_eq!(
            to_rows("projects", Map::new()).unwrap(),
            Vec::<Value>::new()
        );
    }

    #[test]
    fn columns_of_different_lengths_are_refused_at_the_field() {
        let Value::Object(map) = json!({"id": ["a", "b"], "title": ["甲"]}) else {
            unreachable!()
        };
        assert_eq!(
            to_rows("articles", map).unwrap_err(),
            [
                "articles.title".to_string(),
                "has 1 value where id has 2; each field's list has one value per item".to_string()
            ]
        );
        let Value::Object(map) = json!({"id": "a"}) else {
            unreachable!()
        };
        assert_eq!(
            to_rows("articles", map).unwrap_err(),
            [
                "articles".to_string(),
                "expected a list, found an object whose `id` is not a list of values (an object here is read as columns, one list of values per field)".to_string()
            ]
        );
    }
}
