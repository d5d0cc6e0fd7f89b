/** Configuration files mounted into the daemon from a ConfigMap the daemon owns. */
export interface DaemonConfig {
  /** File name to content. Each becomes a key of the ConfigMap and a file under `mountPath`. */
  readonly files: { [fileName: string]: string };
  /** Where the files appear in the container. */
  readonly mountPath: string;
}

