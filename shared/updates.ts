import { z } from 'zod';

/** stable: releases only; beta: also pre-releases (x.y.z-beta.n), which testers take first. */
export const UPDATE_CHANNELS = ['stable', 'beta'] as const;
export type UpdateChannel = (typeof UPDATE_CHANNELS)[number];

/** Where the desktop app looks for updates: an electron-updater "generic" feed (a folder of latest.yml/beta.yml). */
export const updateSettingsSchema = z
  .object({
    channel: z.enum(UPDATE_CHANNELS),
    /** https only; empty: no feed, so the desk never checks. */
    feedUrl: z
      .string()
      .trim()
      .max(500)
      .refine((value) => value === '' || isHttpsUrl(value), 'The update feed is an https:// address'),
  })
  .strict();
export type UpdateSettings = z.infer<typeof updateSettingsSchema>;

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** What a check found, in words for the agent. */
export interface UpdateCheck {
  status: 'up_to_date' | 'available' | 'not_configured' | 'unsupported' | 'failed';
  currentVersion: string;
  availableVersion: string | null;
  message: string;
}
