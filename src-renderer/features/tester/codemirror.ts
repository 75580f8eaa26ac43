/**
 * The workbench's code editor: CodeMirror 6 set up for request and response bodies — line numbers, folding, search
 * (Ctrl/⌘+F, also from a button), word wrap, JSON syntax colour, undo for the request body, read-only (but focusable,
 * selectable and searchable) for responses. Loaded lazily (`code-view.tsx` imports this module dynamically), so the
 * first screen's JavaScript does not carry the editor.
 *
 * CSP: CodeMirror mounts its styles as `<style>` elements; they carry the page's style nonce
 * (`<meta property="csp-nonce">`, a fresh one per page load, named in `style-src`). Colours come from the app's
 * stylesheet (`workbench.css`): tokens get `tok-*` classes from the JSON syntax tree, so both themes follow the app's.
 * Tab is not bound, so the keyboard can always leave the editor; Ctrl/⌘+Enter and Ctrl/⌘+L are left to the
 * workbench (send, focus the URL) instead of CodeMirror's own commands.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, codeFolding, foldGutter, foldKeymap, indentOnInput, syntaxTree } from '@codemirror/language';
import { openSearchPanel, search, searchKeymap } from '@codemirror/search';
import { Compartment, EditorState, Prec, RangeSetBuilder, type Extension } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  ViewPlugin,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';

/** What a code view is made with. */
export interface CodeViewOptions {
  doc: string;
  language: 'json' | 'text';
  /** The accessible name of the text (`Response body`, `JSON body`). */
  label: string;
  readOnly: boolean;
  wrap: boolean;
  /** Called with the whole text after each edit (editable views only). */
  onChange?: (text: string) => void;
  /** ARIA attributes of the text that change (`aria-invalid`, `aria-describedby`). */
  attributes?: Record<string, string>;
}

/** A mounted code view. */
export interface CodeViewHandle {
  view: EditorView;
  /** Replaces the whole text (not reported to `onChange`). */
  setDoc(text: string): void;
  /** Adds text at the end (a response shown while it is being pretty-printed). */
  append(text: string): void;
  setWrap(wrap: boolean): void;
  setAttributes(attributes: Record<string, string>): void;
  openSearch(): void;
  destroy(): void;
}

const TOKEN_CLASSES: Record<string, Decoration> = {
  PropertyName: Decoration.mark({ class: 'tok-key' }),
  String: Decoration.mark({ class: 'tok-string' }),
  Number: Decoration.mark({ class: 'tok-number' }),
  True: Decoration.mark({ class: 'tok-literal' }),
  False: Decoration.mark({ class: 'tok-literal' }),
  Null: Decoration.mark({ class: 'tok-literal' }),
};

/** `tok-*` classes for the JSON tokens in view, from the syntax tree (only what is visible is decorated). */
function tokenMarks(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const tree = syntaxTree(view.state);
  let last = 0;
  for (const { from, to } of view.visibleRanges) {
    tree.iterate({
      from,
      to,
      enter(node) {
        const mark = TOKEN_CLASSES[node.name];
        if (!mark) return undefined;
        if (node.from >= last && node.to > node.from) {
          builder.add(node.from, node.to, mark);
          last = node.to;
        }
        return false;
      },
    });
  }
  return builder.finish();
}

const jsonColours = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = tokenMarks(view);
    }
    update(update: ViewUpdate) {
      if (update.docChanged || update.viewportChanged || syntaxTree(update.startState) !== syntaxTree(update.state)) {
        this.decorations = tokenMarks(update.view);
      }
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

/** The page's style nonce, which CodeMirror's `<style>` elements must carry (see the module comment). */
function styleNonce(): string {
  return document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? '';
}

/** The workbench's shortcuts win over CodeMirror's own bindings of the same keys. */
const workbenchKeys = Prec.highest(
  keymap.of([
    { key: 'Mod-Enter', run: () => true },
    { key: 'Mod-l', run: () => true },
  ]),
);

/** Mounts a code view into `parent`. */
export function createCodeView(parent: HTMLElement, options: CodeViewOptions): CodeViewHandle {
  const wrapping = new Compartment();
  const attributes = new Compartment();
  /** Set while `setDoc` replaces the text: that is not an edit to report. */
  let silent = false;
  const contentAttributes = (extra: Record<string, string> = {}) =>
    // tabindex 0: the text is in the tab order anyway (contenteditable); said outright, so its scroller counts as
    // reachable by the keyboard (axe's scrollable-region-focusable).
    EditorView.contentAttributes.of({
      'aria-label': options.label,
      tabindex: '0',
      ...(options.readOnly ? { 'aria-readonly': 'true' } : {}),
      ...extra,
    });
  const extensions: Extension[] = [
    EditorView.cspNonce.of(styleNonce()),
    workbenchKeys,
    lineNumbers(),
    highlightActiveLineGutter(),
    codeFolding(),
    foldGutter(),
    bracketMatching(),
    search({ top: true }),
    keymap.of([...searchKeymap, ...foldKeymap, ...(options.readOnly ? [] : historyKeymap), ...defaultKeymap]),
    wrapping.of(options.wrap ? EditorView.lineWrapping : []),
    attributes.of(contentAttributes(options.attributes)),
    EditorView.editorAttributes.of({ class: 'code-view' }),
  ];
  if (options.language === 'json') extensions.push(json(), jsonColours);
  if (options.readOnly) extensions.push(EditorState.readOnly.of(true));
  else {
    extensions.push(history(), indentOnInput(), highlightActiveLine());
    const onChange = options.onChange;
    if (onChange) extensions.push(EditorView.updateListener.of((u) => u.docChanged && !silent && onChange(u.state.doc.toString())));
  }
  const view = new EditorView({ parent, state: EditorState.create({ doc: options.doc, extensions }) });
  return {
    view,
    setDoc(text) {
      silent = true;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      silent = false;
    },
    append(text) {
      view.dispatch({ changes: { from: view.state.doc.length, insert: text } });
    },
    setWrap(wrap) {
      view.dispatch({ effects: wrapping.reconfigure(wrap ? EditorView.lineWrapping : []) });
    },
    setAttributes(extra) {
      view.dispatch({ effects: attributes.reconfigure(contentAttributes(extra)) });
    },
    openSearch() {
      openSearchPanel(view);
    },
    destroy() {
      view.destroy();
    },
  };
}
