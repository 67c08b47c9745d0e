import { describe, expect, it } from '@jest/globals';
import { OutboxSources, type OutboxSource } from './outbox-source.js';

function source(name: string): OutboxSource {
  return {
    name,
    claim: () => Promise.resolve([]),
    markPublished: () => Promise.resolve(),
    hasUnpublished: () => Promise.resolve(false),
  };
}

describe('OutboxSources', () => {
  it('lists sources in the order they registered', () => {
    const sources = new OutboxSources();
    sources.register(source('scheduled_job'));
    sources.register(source('another_table'));
    expect(sources.all().map((s) => s.name)).toEqual(['scheduled_job', 'another_table']);
  });

  it('refuses a table registered twice, which would publish its rows from two loops', () => {
    const sources = new OutboxSources();
    sources.register(source('scheduled_job'));
    expect(() => {
      sources.register(source('scheduled_job'));
    }).toThrow('outbox source scheduled_job is registered twice');
  });
});
