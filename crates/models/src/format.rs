//! The model file format, version 1: a small header and the weights table, little-endian.
//!
//! ```text
//! b"NGM1"  u32 version  str kind  u32 #classes  str class...
//! u32 #features  (u64 hash, u8 #weights, (u8 class, f32 weight)...)...  sorted by hash
//! ```
//! `str` is a u16 length and UTF-8 bytes. Same data and seed give the same bytes.

use crate::perceptron::Weights;
use crate::ModelError;

const MAGIC: &[u8; 4] = b"NGM1";
const VERSION: u32 = 1;

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u16).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// Serialises `weights` of a model of `kind` ("pos", "ner").
pub fn write(kind: &str, weights: &Weights) -> Vec<u8> {
    let mut out = Vec::with_capacity(weights.len() * 16);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    put_str(&mut out, kind);
    out.extend_from_slice(&(weights.classes.len() as u32).to_le_bytes());
    for c in &weights.classes {
        put_str(&mut out, c);
    }
    let features = weights.features();
    out.extend_from_slice(&(features.len() as u32).to_le_bytes());
    for (k, ws) in features {
        out.extend_from_slice(&k.to_le_bytes());
        out.push(ws.len() as u8);
        for (c, w) in ws {
            out.push(c as u8);
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
    out
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], ModelError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(ModelError::Truncated)?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(
            self.take(2)?
                .try_into()
                .map_err(|_| ModelError::Truncated)?,
        ))
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?
                .try_into()
                .map_err(|_| ModelError::Truncated)?,
        ))
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(
            self.take(8)?
                .try_into()
                .map_err(|_| ModelError::Truncated)?,
        ))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(
            self.take(4)?
                .try_into()
                .map_err(|_| ModelError::Truncated)?,
        ))
    }
    fn str(&mut self) -> Result<String, ModelError> {
        let n = self.u16()? as usize;
        String::from_utf8(self.take(n)?.to_vec())
            .map_err(|_| ModelError::Corrupt("a name is not UTF-8"))
    }
}

/// Reads a model of `kind` back.
pub fn read(kind: &str, bytes: &[u8]) -> Result<Weights, ModelError> {
    let mut c = Cursor { bytes, at: 0 };
    if c.take(4)? != MAGIC {
        return Err(ModelError::Corrupt("not a newsgraph model (bad magic)"));
    }
    let version = c.u32()?;
    if version != VERSION {
        return Err(ModelError::Version(version));
    }
    let found = c.str()?;
    if found != kind {
        return Err(ModelError::Kind {
            expected: kind.to_owned(),
            found,
        });
    }
    let n_classes = c.u32()? as usize;
    let classes = (0..n_classes)
        .map(|_| c.str())
        .collect::<Result<Vec<_>, _>>()?;
    let n = c.u32()? as usize;
    let mut table = Vec::with_capacity(n.min(bytes.len() / 9));
    for _ in 0..n {
        let key = c.u64()?;
        let count = c.u8()? as usize;
        let mut ws = Vec::with_capacity(count);
        for _ in 0..count {
            let class = c.u8()?;
            if class as usize >= n_classes {
                return Err(ModelError::Corrupt("class index out of range"));
            }
            ws.push((u16::from(class), c.f32()?));
        }
        table.push((key, ws));
    }
    Ok(Weights::new(classes, table))
}
