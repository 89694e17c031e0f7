import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import type { Vocabulary } from "../editor/filter-context.ts";
import { createFilterEditor, type FilterEditor } from "../editor/filter-editor.ts";
import type { Syntax } from "../state/view-state.ts";

/**
 * Mounts the CodeMirror filter editor once (in the first render, so that the
 * page's first paint already has it) and hands its controller to the app,
 * which changes its text and shows its errors. The latest callbacks are read
 * through refs: the editor is never rebuilt.
 */
interface Props {
  initialText: string;
  syntax: Syntax;
  vocabulary: Vocabulary | undefined;
  labelledBy: string;
  describedBy: string;
  onChange: (text: string) => void;
  onRun: () => void;
  controller: { current: FilterEditor | null };
}

export function FilterEditorHost(props: Props) {
  const parent = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;

  useLayoutEffect(() => {
    if (!parent.current) return;
    const editor = createFilterEditor({
      parent: parent.current,
      text: latest.current.initialText,
      syntax: latest.current.syntax,
      labelledBy: props.labelledBy,
      describedBy: props.describedBy,
      vocabulary: () => latest.current.vocabulary,
      onChange: (text) => latest.current.onChange(text),
      onRun: () => latest.current.onRun(),
    });
    props.controller.current = editor;
    return () => {
      editor.destroy();
      props.controller.current = null;
    };
  }, []);

  useEffect(() => {
    props.controller.current?.setSyntax(props.syntax);
  }, [props.syntax]);

  return <div ref={parent} class="filter-editor" />;
}
