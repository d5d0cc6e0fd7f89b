/** Kubernetes API verbs for RBAC rules. */
export enum ApiVerb {
  /** Read one object. */
  GET = 'get',
  /** List objects. */
  LIST = 'list',
  /** Watch for changes. */
  WATCH = 'watch',
  /** Create objects. */
  CREATE = 'create',
  /** Replace objects. */
  UPDATE = 'update',
  /** Patch objects. */
  PATCH = 'patch',
  /** Delete one object. */
  DELETE = 'delete',
  /** Delete many objects. */
  DELETE_COLLECTION = 'deletecollection',
}

/** One ClusterRole rule: which verbs on which resources. */
export interface RbacRule {
  /**
   * API groups of the resources. `''` is the core group.
   * @default [''] (the core group)
   */
  readonly apiGroups?: string[];
  /** Resources, e.g. `pods`, `namespaces`, `nodes/metrics`. */
  readonly resources: string[];
  /** Allowed verbs. */
  readonly verbs: ApiVerb[];
}

/** Common RBAC rules. */
export class RbacRules {
  /** Read-only access (get, list, watch) to these core-group resources. */
  public static readOnly(...resources: string[]): RbacRule {
    return { resources, verbs: [ApiVerb.GET, ApiVerb.LIST, ApiVerb.WATCH] };
  }

  private constructor() {}
}
