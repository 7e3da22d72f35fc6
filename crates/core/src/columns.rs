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
                map.insert(list.to_string(), to_columns(rows)?);
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

/// Columns back as rows: one object per value, leaving out the fields whose value is `null`.
/// The problem, when there is one, is at the path `list.field` (a list of another length) or
/// `list` (an object that is not columns: an item written without its list, most likely).
pub(crate) fn to_rows(
    list: &str,
    mut columns: Map<String, Value>,
) -> Result<Vec<Value>, [String; 2]> {
    let mut rows: Vec<Map<String, Value>> = Vec::new();
    let mut first: Option<(String, usize)> = None;
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
        for (row, value) in rows.iter_mut().zip(values) {
            if !value.is_null() {
                row.insert(field.clone(), value);
            }
        }
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
