import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Exposure, ExposureKind } from './exposure';

/**
 * The daemon's Service: selector from the daemon's own selector labels, targetPort by port name, and
 * `internalTrafficPolicy: Local` (node-local) or `clusterIP: None` (headless).
 */
export function renderService(
  scope: Construct, exposure: Exposure, selector: { [key: string]: string }, labels: { [key: string]: string }, name: string,
): kplus.k8s.KubeService {
  const options = exposure._serviceOptions();
  const local = exposure.kind === ExposureKind.LOCAL_SERVICE;
  return new kplus.k8s.KubeService(scope, 'Service', {
    metadata: { name: options.serviceName ?? name, labels, annotations: options.annotations ? { ...options.annotations } : undefined },
    spec: {
      selector: { ...selector },
      clusterIp: local ? undefined : 'None',
      internalTrafficPolicy: local ? 'Local' : undefined,
      ports: exposure.ports.map((port, i) => ({
        name: exposure.portName(i),
        port: i === 0 ? options.servicePort ?? port.port : port.port,
        protocol: port.protocol,
        targetPort: kplus.k8s.IntOrString.fromString(exposure.portName(i)),
      })),
    },
  });
}
