//! One list of the desktop commands: the `#[tauri::command]` functions in `src/` themselves.
//! From them come the permissions (tauri-build), the capability the window holds, the handler
//! main.rs includes, and the TypeScript types of every command's arguments and reply (checked
//! against `ui/src/ipc/commands.ts` by the `commands` test, like the bindings are).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

struct Command {
    /// The module the function is in (`None` for main.rs).
    module: Option<String>,
    name: String,
    /// Arguments the window passes (camelCase, as Tauri expects them), with their TypeScript type.
    args: Vec<(String, String)>,
    returns: String,
}

/// Permissions the window holds beyond its own commands: listening for files dropped on it.
const CORE_PERMISSIONS: &[&str] = &["core:event:allow-listen", "core:event:allow-unlisten"];

fn main() {
    let commands = commands(Path::new("src"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    write_if_changed(&out.join("handler.rs"), &handler(&commands));
    write_if_changed(&out.join("commands.ts"), &typescript(&commands));
    write_if_changed(Path::new("capabilities/default.json"), &capability(&commands));
    let names: Vec<&'static str> = commands.iter().map(|c| &*Box::leak(c.name.clone().into_boxed_str())).collect();
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(Box::leak(names.into_boxed_slice()))))
        .expect("tauri build configuration");
}

/// Every top-level `#[tauri::command]` function of the `.rs` files in `dir`, by file then order.
fn commands(dir: &Path) -> Vec<Command> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).expect("src/").map(|e| e.expect("src/ entry").path()).filter(|p| p.extension().is_some_and(|e| e == "rs")).collect();
    files.sort();
    let mut found = Vec::new();
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let source = std::fs::read_to_string(&path).expect("read a source file");
        let file = syn::parse_file(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let module = path.file_stem().and_then(|s| s.to_str()).filter(|s| *s != "main").map(String::from);
        for item in file.items {
            let syn::Item::Fn(f) = item else { continue };
            if !f.attrs.iter().any(|a| a.path().segments.iter().map(|s| s.ident.to_string()).collect::<Vec<_>>() == ["tauri", "command"]) {
                continue;
            }
            let args = f
                .sig
                .inputs
                .iter()
                .filter_map(|input| match input {
                    syn::FnArg::Typed(t) => Some(t),
                    syn::FnArg::Receiver(_) => None,
                })
                .filter_map(|t| {
                    let syn::Pat::Ident(name) = &*t.pat else { panic!("{}: a command's arguments are plain names", f.sig.ident) };
                    ts(&t.ty).map(|ty| (camel(&name.ident.to_string()), ty))
                })
                .collect();
            let returns = match &f.sig.output {
                syn::ReturnType::Default => "void".to_string(),
                syn::ReturnType::Type(_, ty) => reply(ty),
            };
            found.push(Command { module: module.clone(), name: f.sig.ident.to_string(), args, returns });
        }
    }
    found
}

/// The TypeScript type of an argument the window passes; `None` for what Tauri injects.
fn ts(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Reference(r) => ts(&r.elem),
        syn::Type::Tuple(t) if t.elems.is_empty() => Some("void".into()),
        syn::Type::Path(p) => {
            let last = p.path.segments.last()?;
            let inner = || match &last.arguments {
                syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
                    syn::GenericArgument::Type(t) => ts(t),
                    _ => None,
                }),
                _ => None,
            };
            let name = last.ident.to_string();
            Some(match name.as_str() {
                "State" | "AppHandle" | "Window" | "WebviewWindow" | "Webview" => return None,
                "String" | "str" | "PathBuf" => "string".into(),
                "bool" => "boolean".into(),
                "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" | "f32" | "f64" => "number".into(),
                "Value" => "unknown".into(),
                "Vec" => format!("{}[]", inner()?),
                "Option" => format!("{} | null", inner()?),
                "Channel" => format!("Channel<{}>", inner()?),
                _ => format!("B.{name}"),
            })
        }
        _ => panic!("a command argument of a type the command list cannot name in TypeScript"),
    }
}

/// A command's reply: what `Reply<T>` (or `Result<T, _>`) carries.
fn reply(ty: &syn::Type) -> String {
    if let syn::Type::Path(p) = ty
        && let Some(last) = p.path.segments.last()
        && matches!(last.ident.to_string().as_str(), "Reply" | "Result")
        && let syn::PathArguments::AngleBracketed(a) = &last.arguments
        && let Some(syn::GenericArgument::Type(t)) = a.args.first()
    {
        return ts(t).expect("a reply type");
    }
    ts(ty).expect("a reply type")
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn handler(commands: &[Command]) -> String {
    let paths: Vec<String> = commands.iter().map(|c| c.module.as_ref().map_or(c.name.clone(), |m| format!("{m}::{}", c.name))).collect();
    format!("tauri::generate_handler![{}]\n", paths.join(", "))
}

fn typescript(commands: &[Command]) -> String {
    let mut out = String::from(
        "// Generated from the #[tauri::command] functions by src-tauri/build.rs; do not edit.\n// Regenerate with `make bindings`.\n\nimport type { Channel } from \"@tauri-apps/api/core\";\nimport type * as B from \"./bindings\";\n\n/** Every desktop command: the arguments the window passes and what it replies. */\nexport type Commands = {\n",
    );
    for c in commands {
        let args: Vec<String> = c.args.iter().map(|(n, t)| format!(" {n}: {t}")).collect();
        let _ = writeln!(out, "  {}: {{ args: {{{} }}; returns: {} }};", c.name, args.join(";"), c.returns);
    }
    out.push_str("};\n");
    out
}

fn capability(commands: &[Command]) -> String {
    let mut permissions: Vec<String> = commands.iter().map(|c| format!("allow-{}", c.name.replace('_', "-"))).collect();
    permissions.extend(CORE_PERMISSIONS.iter().map(|p| p.to_string()));
    let list: Vec<String> = permissions.iter().map(|p| format!("    \"{p}\"")).collect();
    format!(
        "{{\n  \"$schema\": \"../gen/schemas/desktop-schema.json\",\n  \"identifier\": \"default\",\n  \"description\": \"What the Appeal Kit window may call: its own commands (generated by build.rs from them), and listening for files dropped on it.\",\n  \"windows\": [\"main\"],\n  \"permissions\": [\n{}\n  ]\n}}\n",
        list.join(",\n")
    )
}

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
