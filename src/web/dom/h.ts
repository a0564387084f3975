/** A tiny element builder for the DOM layer. */
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;
export type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2).toLowerCase(), v as EventListener);
    } else if (k === 'class') {
      el.className = String(v);
    } else if (k === 'text') {
      el.textContent = String(v);
    } else if (v === true) {
      el.setAttribute(k, '');
    } else {
      el.setAttribute(k, String(v));
    }
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

/** A real <button> with an accessible name (its text) that runs `onPress` on click, Enter or Space. */
export function button(
  label: string | Child[],
  onPress: () => void,
  opts: { class?: string; name?: string; key?: string; disabled?: boolean; title?: string } = {},
): HTMLButtonElement {
  const content = typeof label === 'string' ? [label] : label;
  const b = h(
    'button',
    {
      type: 'button',
      class: `btn ${opts.class ?? ''}`.trim(),
      'aria-label': opts.name,
      'data-key': opts.key,
      disabled: opts.disabled,
      title: opts.title,
    },
    ...content,
  );
  b.addEventListener('click', (e) => {
    e.preventDefault();
    if (b.disabled) return;
    onPress();
  });
  return b;
}
