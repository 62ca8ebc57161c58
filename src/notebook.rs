//! Jupyter notebooks (`.ipynb`): where each code cell's source and each
//! output is in the notebook's JSON, so a finding (made on the file as it
//! is, its JSON strings decoded by src/decode.rs) can also be placed at the
//! cell and the line within it, as the user sees the notebook.
//!
//! [`CellMap::of`] walks the JSON once (linear: each byte looked at once,
//! no tree built) and records the byte span of every string that is a
//! cell's `source`, an output's `text`, `traceback` or `data` value.

use std::ops::Range;

/// Which part of a cell a line is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellPart {
    Source,
    Output,
}

impl CellPart {
    pub fn as_str(self) -> &'static str {
        match self {
            CellPart::Source => "source",
            CellPart::Output => "output",
        }
    }
}

/// A place in a notebook: cell number (1 = the first cell), part, and line
/// within that part (1-based; outputs of a cell are counted as one text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellPlace {
    pub cell: usize,
    pub part: CellPart,
    pub line: usize,
}

/// One JSON string of a cell: its bytes between the quotes, and how many
/// lines of its part came before it.
#[derive(Debug)]
struct Text {
    span: Range<usize>,
    cell: usize,
    part: CellPart,
    lines_before: usize,
}

/// The cell texts of one notebook, in file order.
#[derive(Debug, Default)]
pub struct CellMap {
    texts: Vec<Text>,
}

/// A path segment of the walker: an object key (its raw bytes) or an array
/// index.
#[derive(Debug, Clone)]
enum Seg {
    Key(Range<usize>),
    Index(usize),
}

/// An open container of the walker.
#[derive(Debug)]
enum Frame {
    /// An object; `key` is the key of the value being read, if any.
    Object {
        key: Option<Range<usize>>,
    },
    Array {
        index: usize,
    },
}

impl CellMap {
    /// The cell texts of `data` when it is a notebook (a JSON object with a
    /// `cells` array); `None` for anything else, malformed JSON included.
    pub fn of(data: &[u8]) -> Option<CellMap> {
        let start = data.iter().position(|b| !b.is_ascii_whitespace())?;
        if data[start] != b'{' {
            return None;
        }
        let mut map = CellMap::default();
        let mut stack: Vec<Frame> = Vec::new();
        // Lines per (cell, part) so far: the last cell seen, two counters.
        let mut counted = (0usize, [0usize; 2]);
        let mut i = start;
        while i < data.len() {
            match data[i] {
                b'{' => stack.push(Frame::Object { key: None }),
                b'[' => stack.push(Frame::Array { index: 0 }),
                b'}' | b']' => {
                    stack.pop()?;
                    if stack.is_empty() {
                        break;
                    }
                }
                b',' => match stack.last_mut()? {
                    Frame::Array { index } => *index += 1,
                    Frame::Object { key } => *key = None,
                },
                b'"' => {
                    let end = string_end(data, i + 1)?;
                    let span = i + 1..end;
                    match stack.last_mut()? {
                        Frame::Object { key } if key.is_none() => *key = Some(span),
                        _ => {
                            if let Some((cell, part)) = cell_text(data, &path(&stack)) {
                                if counted.0 != cell {
                                    counted = (cell, [0, 0]);
                                }
                                let n = &mut counted.1[part as usize];
                                let lines_before = *n;
                                *n += lines_in(&data[span.clone()]);
                                map.texts.push(Text {
                                    span,
                                    cell,
                                    part,
                                    lines_before,
                                });
                            }
                        }
                    }
                    i = end;
                }
                _ => {}
            }
            i += 1;
        }
        Some(map)
    }

    /// The cell place of byte `pos` of the notebook `data` this map was
    /// made of, if it is in a cell text.
    pub fn at(&self, data: &[u8], pos: usize) -> Option<CellPlace> {
        let i = self.texts.partition_point(|t| t.span.end <= pos);
        let t = self.texts.get(i).filter(|t| t.span.start <= pos)?;
        Some(CellPlace {
            cell: t.cell,
            part: t.part,
            line: t.lines_before + 1 + newlines(&data[t.span.start..pos]).0,
        })
    }
}

/// The path of the value being read.
fn path(stack: &[Frame]) -> Vec<Seg> {
    stack
        .iter()
        .map(|f| match f {
            Frame::Object { key } => Seg::Key(key.clone().unwrap_or(0..0)),
            Frame::Array { index } => Seg::Index(*index),
        })
        .collect()
}

/// Whether a string at `path` is a cell text: `cells[i].source[…]`,
/// `cells[i].outputs[j].text[…]`, `….traceback[…]`, `….data.<mime>[…]`.
fn cell_text(data: &[u8], path: &[Seg]) -> Option<(usize, CellPart)> {
    let key = |s: &Seg, name: &[u8]| matches!(s, Seg::Key(r) if &data[r.clone()] == name);
    // The root object's key, then the cells array's index.
    let [cells, Seg::Index(cell), rest @ ..] = path else {
        return None;
    };
    if !key(cells, b"cells") {
        return None;
    }
    let cell = cell + 1;
    // A value is a string or an array of strings: drop a trailing index.
    let rest = match rest {
        [head @ .., Seg::Index(_)] => head,
        all => all,
    };
    match rest {
        [Seg::Key(_)] if key(&rest[0], b"source") => Some((cell, CellPart::Source)),
        [o, Seg::Index(_), k]
            if key(o, b"outputs") && (key(k, b"text") || key(k, b"traceback")) =>
        {
            Some((cell, CellPart::Output))
        }
        [o, Seg::Index(_), d, Seg::Key(_)] if key(o, b"outputs") && key(d, b"data") => {
            Some((cell, CellPart::Output))
        }
        _ => None,
    }
}

/// Index of the closing quote of the JSON string whose first byte is at
/// `from`.
fn string_end(data: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        let q = i + memchr::memchr2(b'"', b'\\', data.get(i..)?)?;
        if data[q] == b'"' {
            return Some(q);
        }
        i = q + 2;
    }
}

/// `\n` escapes in raw JSON string bytes (an escaped backslash followed by
/// `n` is not one), and whether the string ends with one.
fn newlines(raw: &[u8]) -> (usize, bool) {
    let (mut n, mut last) = (0, false);
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'\\' && i + 1 < raw.len() {
            last = raw[i + 1] == b'n';
            n += usize::from(last);
            i += 2;
        } else {
            last = false;
            i += 1;
        }
    }
    (n, last)
}

/// Lines one string adds to its part: its `\n` escapes, a last line without
/// one counted too.
fn lines_in(raw: &[u8]) -> usize {
    match newlines(raw) {
        (n, true) => n,
        (n, false) => n + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A notebook as Jupyter writes it (one source line per JSON string).
    const NB: &str = r##"{
 "cells": [
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": ["# Title\n", "text"]
  },
  {
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {"tags": ["x"]},
   "outputs": [
    {"name": "stdout", "output_type": "stream", "text": ["first\n", "second MARK2\n"]},
    {"data": {"text/plain": ["'MARK3'"]}, "execution_count": 1, "metadata": {}, "output_type": "execute_result"}
   ],
   "source": ["import os\n", "a = 1\n", "key = \"MARK1\"\n"]
  },
  {"cell_type": "code", "source": "x = 1\ny = \"MARK4\"", "outputs": []}
 ],
 "metadata": {"source": ["MARK5"]},
 "nbformat": 4
}"##;

    fn place(mark: &str) -> Option<CellPlace> {
        let pos = NB.find(mark).unwrap();
        CellMap::of(NB.as_bytes()).unwrap().at(NB.as_bytes(), pos)
    }

    #[test]
    fn sources_and_outputs_are_placed_at_their_cell_and_line() {
        let src = |cell, line| {
            Some(CellPlace {
                cell,
                part: CellPart::Source,
                line,
            })
        };
        let out = |cell, line| {
            Some(CellPlace {
                cell,
                part: CellPart::Output,
                line,
            })
        };
        assert_eq!(place("MARK1"), src(2, 3));
        assert_eq!(place("MARK2"), out(2, 2));
        assert_eq!(place("MARK3"), out(2, 3));
        assert_eq!(place("MARK4"), src(3, 2));
        assert_eq!(place("# Title"), src(1, 1));
        // Not a cell: notebook metadata, keys, anything outside strings.
        assert_eq!(place("MARK5"), None);
        assert_eq!(place("cell_type"), None);
    }

    #[test]
    fn anything_but_a_json_object_is_not_a_notebook() {
        assert!(CellMap::of(b"[1, 2]").is_none());
        assert!(CellMap::of(b"key = value").is_none());
        // Truncated: what was read is kept.
        let cut = &NB.as_bytes()[..NB.find("MARK2").unwrap() + 8];
        let map = CellMap::of(cut);
        assert!(map.is_none() || map.unwrap().at(cut, NB.find("MARK1").unwrap()).is_none());
    }
}
