//! Many PDFs made one, pages in order: each letter is rendered (and marked) exactly as it is
//! when printed alone, then their pages are put under one page tree.

use lopdf::{Dictionary, Document, Object, ObjectId};

#[derive(Debug, thiserror::Error)]
#[error("cannot merge the letters: {0}")]
pub struct MergeError(String);

/// Page attributes a page may take from its parents in the page tree.
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// The pages of `pdfs`, in order, as one PDF.
pub fn merge(pdfs: &[Vec<u8>]) -> Result<Vec<u8>, MergeError> {
    let err = |e: lopdf::Error| MergeError(e.to_string());
    let mut out = Document::with_version("1.7");
    let tree = out.new_object_id();
    let mut kids: Vec<Object> = Vec::new();
    for bytes in pdfs {
        let mut doc = Document::load_mem(bytes).map_err(err)?;
        doc.renumber_objects_with(out.max_id + 1);
        out.max_id = out.max_id.max(doc.max_id);
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        // What the dropped page tree nodes gave the pages, written on the pages themselves.
        let inherited: Vec<(ObjectId, Dictionary)> = pages.iter().map(|&p| (p, inherited_attributes(&doc, p))).collect();
        for (id, object) in std::mem::take(&mut doc.objects) {
            match object.type_name().unwrap_or_default() {
                b"Catalog" | b"Pages" | b"ObjStm" | b"XRef" => {}
                _ => {
                    out.objects.insert(id, object);
                }
            }
        }
        for (page, attrs) in inherited {
            if let Ok(Object::Dictionary(d)) = out.get_object_mut(page) {
                for (k, v) in attrs.iter() {
                    if !d.has(k) {
                        d.set(k.clone(), v.clone());
                    }
                }
                d.set("Parent", tree);
            }
            kids.push(page.into());
        }
    }
    let count = kids.len() as i64;
    let mut pages = Dictionary::new();
    pages.set("Type", "Pages");
    pages.set("Kids", kids);
    pages.set("Count", count);
    out.objects.insert(tree, Object::Dictionary(pages));
    let mut catalog = Dictionary::new();
    catalog.set("Type", "Catalog");
    catalog.set("Pages", tree);
    let root = out.add_object(catalog);
    out.trailer.set("Root", root);
    // The letters' own catalogs, metadata and structure trees are left unreferenced.
    out.prune_objects();
    let mut bytes = Vec::new();
    out.save_to(&mut bytes).map_err(|e| MergeError(e.to_string()))?;
    Ok(bytes)
}

/// The inheritable attributes a page lacks itself, from the nearest parent that has them.
fn inherited_attributes(doc: &Document, page: ObjectId) -> Dictionary {
    let mut found = Dictionary::new();
    let Ok(dict) = doc.get_dictionary(page) else { return found };
    let mut parent = dict.get(b"Parent").and_then(Object::as_reference).ok();
    // A page tree is shallow; the bound only guards against a loop.
    for _ in 0..32 {
        let Some(id) = parent else { break };
        let Ok(node) = doc.get_dictionary(id) else { break };
        for key in INHERITED {
            if !dict.has(key) && !found.has(key) {
                if let Ok(v) = node.get(key) {
                    found.set(key.to_vec(), v.clone());
                }
            }
        }
        parent = node.get(b"Parent").and_then(Object::as_reference).ok();
    }
    found
}

/// How many pages a PDF has.
pub fn page_count(pdf: &[u8]) -> Result<u32, MergeError> {
    Ok(Document::load_mem(pdf).map_err(|e| MergeError(e.to_string()))?.get_pages().len() as u32)
}
