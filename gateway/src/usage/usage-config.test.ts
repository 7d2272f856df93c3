import { describe, expect, it } from 'vitest';
import { DEFAULT_USAGE_RECORD_PATH, loadUsageRecordingConfig } from './usage-config';

describe('usage recording settings', () => {
  it('record by default in development only, and USAGE_RECORDING / USAGE_RECORD_PATH override it', () => {
    expect(loadUsageRecordingConfig({}, 'development').usageRecording).toMatchObject({
      enabled: true,
      path: DEFAULT_USAGE_RECORD_PATH,
    });
    expect(loadUsageRecordingConfig({}, 'production').usageRecording.enabled).toBe(false);
    const collected = loadUsageRecordingConfig(
      { USAGE_RECORDING: 'on', USAGE_RECORD_PATH: '/var/lib/usage.json' },
      'production',
    );
    expect(collected.usageRecording).toMatchObject({ enabled: true, path: '/var/lib/usage.json' });
    expect(loadUsageRecordingConfig({ USAGE_RECORDING: 'off' }, 'development').usageRecording.enabled).toBe(false);
  });
});
