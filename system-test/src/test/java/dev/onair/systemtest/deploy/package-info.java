/**
 * Deployment recipes checked without a cluster or a Docker engine: the Kubernetes
 * manifests as kustomize builds them, docker-compose.yml and the image recipes, each
 * against what the services and the contract actually declare.
 */
package dev.onair.systemtest.deploy;
