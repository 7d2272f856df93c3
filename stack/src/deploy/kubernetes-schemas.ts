import { Namespace, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { PrometheusRule, ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import type { KubeObject } from './kustomize-render';

interface Validatable {
  validate(): void;
}
type Model = new (data: never) => Validatable;

/**
 * The kinds deploy/kubernetes uses, each with its schema from kubernetes-models (the Prometheus
 * Operator's ServiceMonitor and PrometheusRule from @kubernetes-models/prometheus-operator).
 */
const MODELS: Readonly<Record<string, Model>> = {
  'v1/Namespace': Namespace,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule,
};

/** True when kubernetes-models has a schema for the object's apiVersion and kind. */
export const hasSchema = (object: KubeObject): boolean => `${object.apiVersion}/${object.kind}` in MODELS;

/**
 * The object checked against the Kubernetes OpenAPI schema of its kind (types, required fields,
 * formats): the schema's message when it fails, undefined when it passes. These schemas accept
 * unknown fields, so the tests also assert the fields that matter by name.
 */
export function schemaError(object: KubeObject): string | undefined {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (Model === undefined) return `no schema for ${object.apiVersion} ${object.kind}`;
  try {
    new Model(object as never).validate();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
