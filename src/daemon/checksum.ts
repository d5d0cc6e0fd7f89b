import { createHash } from 'crypto';

/**
 * A stable hash of the config files, written as a pod-template annotation so that a config change
 * rolls the pods (the DaemonSet controller only replaces pods when the template changes).
 */
export function configChecksum(files: { [fileName: string]: string }): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(files).sort()) {
    hash.update(name).update('\0').update(files[name]).update('\0');
  }
  return hash.digest('hex');
}
