/**
 * Finds words a user could read that are written into the popup's and options page's code
 * instead of coming from the messages files: JSX text, literal values of attributes that are
 * shown or read aloud (aria-label, title, alt, a component's label…), literals rendered as
 * children, and prose anywhere else in the code (a sentence handed to a state setter).
 */
import ts from 'typescript';

export interface Literal {
  line: number;
  text: string;
}

/** Attributes whose values nobody reads: styling, hooks, wiring, SVG geometry, input rules. */
const SILENT_ATTRIBUTES = new Set([
  'accept',
  'aria-controls',
  'aria-describedby',
  'aria-expanded',
  'aria-hidden',
  'aria-invalid',
  'aria-labelledby',
  'aria-live',
  'aria-pressed',
  'aria-selected',
  'checked',
  'class',
  'className',
  'cx',
  'cy',
  'd',
  'disabled',
  'fill',
  'for',
  'height',
  'hidden',
  'href',
  'id',
  'key',
  'max',
  'min',
  'name',
  'preserveAspectRatio',
  'r',
  'rel',
  'role',
  'src',
  'step',
  'style',
  'tabIndex',
  'tabindex',
  'target',
  'testid',
  'type',
  'value',
  'viewBox',
  'width',
  'x1',
  'x2',
  'y1',
  'y2',
]);

/** Calls whose string arguments are not shown: message keys, logs, developer errors, DOM lookups. */
const SILENT_CALLS =
  /^(console\.\w+|Error|TypeError|document\.\w+|\w+\.querySelector(All)?|\w+\.addEventListener|\w+\.removeEventListener|download|Intl\.\w+)$/;

const hasLetter = (s: string) => /\p{L}/u.test(s);
/** Prose: two words in a row, or one capitalised word, or a sentence's end. */
const looksLikeProse = (s: string) => /\p{L}{2,}\s+\p{L}{2,}/u.test(s) || /^\s*\p{Lu}\p{Ll}+/u.test(s) || /\p{L}[.!?…]\s*$/u.test(s);

function staticText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return null;
}

/** An id such as 'youtube-music': what a component's prop often holds, never a sentence. */
const isIdentifier = (s: string) => /^[a-z0-9]+([-_][a-z0-9]+)*$/.test(s);

type Place = { kind: 'attribute'; name: string; component: boolean } | { kind: 'child' } | { kind: 'code'; silent: boolean };

/** Where a literal ends up: an attribute (by name, on an element or a component), a rendered child, or plain code. */
function placeOf(node: ts.Node): Place {
  let at: ts.Node = node;
  for (let parent = node.parent; parent; at = parent, parent = parent.parent) {
    if (ts.isJsxAttribute(parent)) {
      const tag = parent.parent.parent.tagName.getText();
      return { kind: 'attribute', name: parent.name.getText(), component: /^[A-Z]/.test(tag) };
    }
    if (ts.isJsxExpression(parent) && (ts.isJsxElement(parent.parent) || ts.isJsxFragment(parent.parent))) return { kind: 'child' };
    if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
      const callee = parent.expression.getText();
      // t()'s first argument is a message key; what it fills the placeholders with is checked like any code.
      const silent = callee === 't' ? parent.arguments?.[0] === at : SILENT_CALLS.test(callee);
      return { kind: 'code', silent };
    }
    // Compared, switched on, indexed, typed, imported, or a property's name: never shown.
    const comparisons = [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.InKeyword];
    if (ts.isBinaryExpression(parent) && comparisons.includes(parent.operatorToken.kind)) {
      return { kind: 'code', silent: true };
    }
    if (ts.isCaseClause(parent) || ts.isElementAccessExpression(parent) || ts.isLiteralTypeNode(parent) || ts.isImportDeclaration(parent)) {
      return { kind: 'code', silent: true };
    }
    if (ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return { kind: 'code', silent: true };
    if (ts.isPropertyAssignment(parent) && parent.name === at) return { kind: 'code', silent: true };
    if (ts.isStatement(parent) || ts.isFunctionLike(parent)) break;
  }
  return { kind: 'code', silent: false };
}

export function userVisibleLiterals(source: string, fileName = 'file.tsx'): Literal[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Literal[] = [];
  const report = (node: ts.Node, text: string) => found.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim() });
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (hasLetter(node.text)) report(node, node.text);
      return;
    }
    const text = staticText(node);
    if (text !== null && hasLetter(text)) {
      const place = placeOf(node);
      if (place.kind === 'attribute') {
        if (!SILENT_ATTRIBUTES.has(place.name) && !place.name.startsWith('data-') && !(place.component && isIdentifier(text))) report(node, text);
      } else if (place.kind === 'child') report(node, text);
      else if (place.kind === 'code' && !place.silent && looksLikeProse(text)) report(node, text);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
