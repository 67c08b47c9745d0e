import { describe, expect, it } from '@jest/globals';
import { JOB_QUEUE, JobName, jobId, QueueName } from './job-catalogue.js';
import { checkJobHandlers } from './job-workers.service.js';

describe('job catalogue', () => {
  it('puts every job on a queue of the catalogue', () => {
    for (const name of Object.values(JobName))
      expect(Object.values(QueueName)).toContain(JOB_QUEUE[name]);
  });

  it('builds deterministic job ids and refuses ":" (BullMQ 6 forbids it)', () => {
    expect(jobId(JobName.DeliverySent, 'a1', 2)).toBe('delivery.sent-a1-2');
    expect(jobId(JobName.DeliverySent, 'a1', 2)).toBe(jobId(JobName.DeliverySent, 'a1', 2));
    expect(() => jobId(JobName.DeliverySent, 'receipt:1')).toThrow(/must not contain ':'/);
  });

  it('refuses to start with a job without a handler, with two, or with one outside the catalogue', () => {
    const all = Object.values(JobName).map((name) => ({
      name: name,
      owner: `${name}Handler`,
    }));
    expect(() => {
      checkJobHandlers(all);
    }).not.toThrow();
    expect(() => {
      checkJobHandlers(all.slice(1));
    }).toThrow(`job ${all[0].name} has no handler`);
    expect(() => {
      checkJobHandlers([...all, { name: all[0].name, owner: 'Twin' }]);
    }).toThrow(`job ${all[0].name} has 2 handlers`);
    expect(() => {
      checkJobHandlers([...all, { name: 'made.up', owner: 'Stray' }]);
    }).toThrow('Stray handles made.up, which is not in the job catalogue');
  });
});
