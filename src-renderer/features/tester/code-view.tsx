/**
 * A code editor in React: CodeMirror (`codemirror.ts`), imported on first use so it is never part of the first
 * screen's JavaScript (`preloadCodeEditor` starts the download early, when the workbench opens). Until it has
 * loaded, the view says so. An editable view reports every edit with `onChange` and follows `value` when it
 * changes from outside (Format, a chosen endpoint); a read-only view is driven through `onReady`'s handle.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CodeViewHandle, CodeViewOptions } from './codemirror';

type EditorModule = typeof import('./codemirror');
let editorModule: Promise<EditorModule> | null = null;

/**
 * The longest line that is wrapped. Wrapping a longer one makes the editor lay out the whole line at once (a body of
 * one 5 MB line held the page for seconds); unwrapped, it draws only what is in view.
 */
export const MAX_WRAPPED_LINE = 100_000;

/** Whether a text has a line longer than `max` characters. */
export function hasLineLongerThan(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let start = 0;
  for (let end = text.indexOf('\n'); ; end = text.indexOf('\n', start)) {
    const stop = end < 0 ? text.length : end;
    if (stop - start > max) return true;
    if (end < 0) return false;
    start = end + 1;
  }
}

/** Starts loading the editor (once). */
export function preloadCodeEditor(): Promise<EditorModule> {
  editorModule ??= import('./codemirror');
  return editorModule;
}

/** A code view's text, language, name, wrapping and callbacks. */
export interface CodeViewProps {
  /** The text: the first text of a read-only view, the current text of an editable one. */
  value: string;
  language: CodeViewOptions['language'];
  label: string;
  readOnly?: boolean;
  wrap: boolean;
  onChange?: (text: string) => void;
  /** ARIA attributes of the text that change with the state (`aria-invalid`, `aria-describedby`). */
  attributes?: Record<string, string>;
  /** Called once the editor is there, with its handle (gone after the view unmounts). */
  onReady?: (handle: CodeViewHandle) => void;
  className?: string;
}

/** The editor, or a short note while it loads. */
export function CodeView({ value, language, label, readOnly = false, wrap, onChange, attributes, onReady, className }: CodeViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const handle = useRef<CodeViewHandle | null>(null);
  /** The text the editor last reported (or was given): a `value` equal to it needs no update. */
  const known = useRef<string>(value);
  const latest = useRef({ onChange, onReady });
  latest.current = { onChange, onReady };
  const [ready, setReady] = useState(false);
  const attributesKey = JSON.stringify(attributes ?? {});
  const unwrappable = useMemo(() => hasLineLongerThan(value, MAX_WRAPPED_LINE), [value]);
  const wrapped = wrap && !unwrappable;

  useEffect(() => {
    let gone = false;
    void preloadCodeEditor().then((module) => {
      if (gone || !host.current) return;
      handle.current = module.createCodeView(host.current, {
        doc: known.current,
        language,
        label,
        readOnly,
        wrap: wrapped,
        attributes,
        onChange: readOnly
          ? undefined
          : (text) => {
              known.current = text;
              latest.current.onChange?.(text);
            },
      });
      setReady(true);
      latest.current.onReady?.(handle.current);
    });
    return () => {
      gone = true;
      handle.current?.destroy();
      handle.current = null;
    };
    // One editor per mount: a new language or label is a new view (the callers key it).
  }, []);

  useEffect(() => {
    if (readOnly || value === known.current) return;
    known.current = value;
    handle.current?.setDoc(value);
  }, [value, readOnly]);

  useEffect(() => {
    handle.current?.setWrap(wrapped);
  }, [wrapped, ready]);

  useEffect(() => {
    if (ready) handle.current?.setAttributes(attributes ?? {});
  }, [attributesKey, ready]);

  return (
    <>
      {wrap && unwrappable ? (
        <p className="muted code-note">Lines are not wrapped here: a line of this text is longer than {MAX_WRAPPED_LINE.toLocaleString('en-US')} characters.</p>
      ) : null}
      <div className={`code-host${className ? ` ${className}` : ''}`}>
        <div ref={host} className="code-mount" />
        {!ready ? <p className="muted code-loading">Loading the editor…</p> : null}
      </div>
    </>
  );
}
