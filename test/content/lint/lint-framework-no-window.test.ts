// @vitest-environment happy-dom
/**
 * Firefox sometimes runs the content script in a document whose window is
 * already gone (`document.defaultView` null): starting there must not throw.
 */
import { describe, expect, it } from 'vitest';
import { LintFramework, type FrameworkHost } from '../../../lib/content/lint/lint-framework.ts';

const host: FrameworkHost = {
  ready: async () => true,
  lint: () => [],
  allowIgnore: () => true,
  fieldSelectors: () => [],
  onShown: () => undefined,
  onApplied: () => undefined,
  onIgnored: () => undefined,
  report: () => undefined,
};

describe('LintFramework on a document without a window', () => {
  it('start() and stop() are no-ops instead of throwing', () => {
    const doc = document.implementation.createHTMLDocument('detached');
    expect(doc.defaultView).toBeNull();
    const fw = new LintFramework(doc, host);
    expect(() => fw.start()).not.toThrow();
    expect(() => fw.stop()).not.toThrow();
  });

  it('still starts on a document that has one', () => {
    const fw = new LintFramework(document, host);
    expect(() => fw.start()).not.toThrow();
    fw.stop();
  });
});
