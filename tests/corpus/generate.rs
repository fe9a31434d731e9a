//! The library entry points: the directory for a seed, messages `first..first+count`
//! (each depending only on the seed and its index, so a held-out split is another seed
//! or another range), and writing them out in the samples' layout plus `meta/`.

use std::path::Path;

use super::compose::{self, Message};
use super::world::{self, World};

/// A generated corpus: the directory and some messages.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub seed: u64,
    pub world: World,
    pub messages: Vec<Message>,
}

/// The directory for `seed` (the same for every range of messages).
pub fn world(seed: u64) -> World {
    world::build(seed)
}

/// Messages `first..first + count` for `seed`, drawn on all cores.
pub fn generate(seed: u64, first: usize, count: usize) -> Corpus {
    let world = world(seed);
    let messages = messages(&world, seed, first, count);
    Corpus { seed, world, messages }
}

/// Messages `first..first + count` for `seed` in an existing `world`.
pub fn messages(world: &World, seed: u64, first: usize, count: usize) -> Vec<Message> {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).clamp(1, 8);
    let mut out: Vec<Message> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || {
                    (first..first + count)
                        .filter(|i| i % threads == t)
                        .map(|i| compose::message(world, seed, i))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    out.sort_by_key(|m| m.index);
    out
}

impl Corpus {
    /// Writes `fixtures/`, `messages/NNNN-slug.eml`, `truth/NNNN-slug.json` and
    /// `meta/NNNN-slug.json` under `dir`.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        world::write_fixtures(&self.world, dir)?;
        write_messages(&self.messages, dir)
    }
}

/// Writes the messages' `.eml`, truth and meta files under `dir`.
pub fn write_messages(messages: &[Message], dir: &Path) -> std::io::Result<()> {
    for sub in ["messages", "truth", "meta"] {
        std::fs::create_dir_all(dir.join(sub))?;
    }
    for m in messages {
        std::fs::write(dir.join("messages").join(format!("{}.eml", m.slug)), &m.eml)?;
        let truth = serde_json::to_string_pretty(&m.truth).map_err(std::io::Error::other)?;
        std::fs::write(dir.join("truth").join(format!("{}.json", m.slug)), truth + "\n")?;
        let meta = serde_json::to_string_pretty(&m.meta).map_err(std::io::Error::other)?;
        std::fs::write(dir.join("meta").join(format!("{}.json", m.slug)), meta + "\n")?;
    }
    Ok(())
}
