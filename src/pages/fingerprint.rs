//! A page variable's fingerprint, taken from the view itself.
//!
//! A build that keeps most pages still has to learn which few changed, so
//! every page's variables are hashed. Hashing them as they are serialized,
//! straight into the hasher, means a kept page's context is never built as
//! template values at all: only the pages to render are.
//!
//! Every value is fed with a tag for its kind, every string and byte string
//! with its length, every sequence and map with its length (or an end mark
//! when serde does not know it) and every field with its name, so two
//! different values never feed the hasher the same bytes.

use serde::Serialize;
use serde::ser::{self, Serializer};
use std::hash::{BuildHasher, Hasher};

/// The seed of fingerprints: any fixed number, so they agree from run to run.
const SEED: u64 = 0x5a17e;

/// The hasher fingerprints are made with: foldhash is several times faster
/// than SipHash over the many small strings of a page's views.
pub fn hasher() -> impl Hasher {
    foldhash::quality::FixedState::with_seed(SEED).build_hasher()
}

/// Fingerprints `value` as it would be serialized for a template.
pub fn fingerprint<T: Serialize + ?Sized>(value: &T) -> u64 {
    let mut state = hasher();
    // Serializing into a hasher cannot fail: `Feed` never returns an error.
    let _ = value.serialize(Feed(&mut state));
    state.finish()
}

/// What kind of value follows: part of the bytes fed, so that, say, the
/// string "1" and the number 1 differ.
#[repr(u8)]
enum Tag {
    Bool,
    Int,
    Uint,
    Float,
    Char,
    Str,
    Bytes,
    None,
    Some,
    Unit,
    UnitStruct,
    Variant,
    NewtypeStruct,
    Seq,
    Tuple,
    Map,
    Struct,
    Skipped,
    End,
}

/// A serializer that feeds what it is given to a hasher.
struct Feed<'h, H>(&'h mut H);

/// The hasher would never fail; serde needs an error type all the same.
#[derive(Debug)]
struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a page variable could not be fingerprinted")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Self
    }
}

impl<H: Hasher> Feed<'_, H> {
    fn tag(&mut self, tag: Tag) {
        self.0.write_u8(tag as u8);
    }

    fn text(&mut self, text: &str) {
        self.0.write_usize(text.len());
        self.0.write(text.as_bytes());
    }

    fn length(&mut self, tag: Tag, len: Option<usize>) {
        self.tag(tag);
        // A known length, or 0 and an end mark after the last item.
        self.0.write_usize(len.map_or(0, |n| n + 1));
    }

    fn reborrow(&mut self) -> Feed<'_, H> {
        Feed(&mut *self.0)
    }
}

impl<'h, H: Hasher> Serializer for Feed<'h, H> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(mut self, v: bool) -> Result<(), Never> {
        self.tag(Tag::Bool);
        self.0.write_u8(u8::from(v));
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Never> {
        self.serialize_i128(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Never> {
        self.serialize_i128(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Never> {
        self.serialize_i128(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Never> {
        self.serialize_i128(v.into())
    }
    fn serialize_i128(mut self, v: i128) -> Result<(), Never> {
        self.tag(Tag::Int);
        self.0.write_i128(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Never> {
        self.serialize_u128(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Never> {
        self.serialize_u128(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Never> {
        self.serialize_u128(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Never> {
        self.serialize_u128(v.into())
    }
    fn serialize_u128(mut self, v: u128) -> Result<(), Never> {
        self.tag(Tag::Uint);
        self.0.write_u128(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Never> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(mut self, v: f64) -> Result<(), Never> {
        self.tag(Tag::Float);
        self.0.write_u64(v.to_bits());
        Ok(())
    }
    fn serialize_char(mut self, v: char) -> Result<(), Never> {
        self.tag(Tag::Char);
        self.0.write_u32(v.into());
        Ok(())
    }
    fn serialize_str(mut self, v: &str) -> Result<(), Never> {
        self.tag(Tag::Str);
        self.text(v);
        Ok(())
    }
    fn serialize_bytes(mut self, v: &[u8]) -> Result<(), Never> {
        self.tag(Tag::Bytes);
        self.0.write_usize(v.len());
        self.0.write(v);
        Ok(())
    }
    fn serialize_none(mut self) -> Result<(), Never> {
        self.tag(Tag::None);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(mut self, value: &T) -> Result<(), Never> {
        self.tag(Tag::Some);
        value.serialize(self)
    }
    fn serialize_unit(mut self) -> Result<(), Never> {
        self.tag(Tag::Unit);
        Ok(())
    }
    fn serialize_unit_struct(mut self, name: &'static str) -> Result<(), Never> {
        self.tag(Tag::UnitStruct);
        self.text(name);
        Ok(())
    }
    fn serialize_unit_variant(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Never> {
        self.tag(Tag::Variant);
        self.text(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        mut self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.tag(Tag::NewtypeStruct);
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.tag(Tag::Variant);
        self.text(variant);
        value.serialize(self)
    }
    fn serialize_seq(mut self, len: Option<usize>) -> Result<Self, Never> {
        self.length(Tag::Seq, len);
        Ok(self)
    }
    fn serialize_tuple(mut self, len: usize) -> Result<Self, Never> {
        self.length(Tag::Tuple, Some(len));
        Ok(self)
    }
    fn serialize_tuple_struct(mut self, name: &'static str, len: usize) -> Result<Self, Never> {
        self.length(Tag::Tuple, Some(len));
        self.text(name);
        Ok(self)
    }
    fn serialize_tuple_variant(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Never> {
        self.tag(Tag::Variant);
        self.text(variant);
        self.length(Tag::Tuple, Some(len));
        Ok(self)
    }
    fn serialize_map(mut self, len: Option<usize>) -> Result<Self, Never> {
        self.length(Tag::Map, len);
        Ok(self)
    }
    fn serialize_struct(mut self, _name: &'static str, _len: usize) -> Result<Self, Never> {
        // Fields skipped when empty make the count unreliable; each field
        // is fed with its name, and the end is marked.
        self.tag(Tag::Struct);
        Ok(self)
    }
    fn serialize_struct_variant(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Never> {
        self.tag(Tag::Variant);
        self.text(variant);
        self.tag(Tag::Struct);
        Ok(self)
    }
}

/// Items of sequences and tuples, in order.
macro_rules! items {
    ($($trait:ident :: $method:ident),*) => {$(
        impl<H: Hasher> ser::$trait for Feed<'_, H> {
            type Ok = ();
            type Error = Never;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
                value.serialize(self.reborrow())
            }
            fn end(mut self) -> Result<(), Never> {
                self.tag(Tag::End);
                Ok(())
            }
        }
    )*};
}

items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<H: Hasher> ser::SerializeMap for Feed<'_, H> {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Never> {
        key.serialize(self.reborrow())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        value.serialize(self.reborrow())
    }
    fn end(mut self) -> Result<(), Never> {
        self.tag(Tag::End);
        Ok(())
    }
}

/// Fields of structs, each with its name; a skipped field is fed as
/// skipped, so that skipping it and giving it differ.
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl<H: Hasher> ser::$trait for Feed<'_, H> {
            type Ok = ();
            type Error = Never;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Never> {
                self.text(key);
                value.serialize(self.reborrow())
            }
            fn skip_field(&mut self, key: &'static str) -> Result<(), Never> {
                self.text(key);
                self.tag(Tag::Skipped);
                Ok(())
            }
            fn end(mut self) -> Result<(), Never> {
                self.tag(Tag::End);
                Ok(())
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::fingerprint;
    use serde::Serialize;
    use serde_json::json;

    #[test]
    fn values_that_differ_anywhere_fingerprint_differently() {
        let page = json!({"title": "Shin splints", "tags": ["legs", "running"], "n": 3, "w": 1.5, "ok": true, "none": null});
        assert_eq!(fingerprint(&page), fingerprint(&page.clone()));
        let variants = [
            json!({"title": "Shin splint", "tags": ["legs", "running"], "n": 3, "w": 1.5, "ok": true, "none": null}),
            json!({"title": "Shin splints", "tags": ["legsrunning"], "n": 3, "w": 1.5, "ok": true, "none": null}),
            json!({"title": "Shin splints", "tags": ["legs", "running", ""], "n": 3, "w": 1.5, "ok": true, "none": null}),
            json!({"title": "Shin splints", "tags": ["legs", "running"], "n": 4, "w": 1.5, "ok": true, "none": null}),
            json!({"title": "Shin splints", "tags": ["legs", "running"], "n": 3, "w": 2.5, "ok": true, "none": null}),
            json!({"title": "Shin splints", "tags": ["legs", "running"], "n": 3, "w": 1.5, "ok": false, "none": null}),
            json!({"title": "Shin splints", "tags": ["legs", "running"], "n": 3, "w": 1.5, "ok": true, "none": ""}),
            json!({"title": "Shin splints", "tags": ["legs", "running"], "n": "3", "w": 1.5, "ok": true, "none": null}),
            json!({"titl": "eShin splints", "tags": ["legs", "running"], "n": 3, "w": 1.5, "ok": true, "none": null}),
        ];
        let mut seen = vec![fingerprint(&page)];
        for v in variants {
            let h = fingerprint(&v);
            assert!(!seen.contains(&h), "{v} fingerprints like an earlier value");
            seen.push(h);
        }
    }

    #[test]
    fn structs_differ_by_field_names_options_and_skipped_fields() {
        #[derive(Serialize)]
        struct A<'a> {
            name: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            note: Option<&'a str>,
            url: Option<&'a str>,
        }
        #[derive(Serialize)]
        struct B<'a> {
            title: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            note: Option<&'a str>,
            url: Option<&'a str>,
        }
        let a = |name, note, url| fingerprint(&A { name, note, url });
        let base = a("x", None, Some("/u"));
        assert_eq!(base, a("x", None, Some("/u")));
        // A field skipped is not a field given.
        assert_ne!(a("x", None, Some("/u")), a("x", Some("/u"), None));
        assert_ne!(base, a("x", None, None));
        assert_ne!(base, a("x", Some(""), Some("/u")));
        assert_ne!(
            base,
            fingerprint(&B {
                title: "x",
                note: None,
                url: Some("/u")
            })
        );
        // Where one string ends and the next begins is part of the value.
        assert_ne!(fingerprint(&("ab", "c")), fingerprint(&("a", "bc")));
        assert_ne!(fingerprint(&vec!["a", "b"]), fingerprint(&("a", "b")));
    }
}
