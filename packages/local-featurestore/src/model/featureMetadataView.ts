/** One feature's metadata as DescribeFeatureMetadata answers it and Search returns it. */
import type { FeatureDefinition, FeatureGroupDescription, FeatureMetadata } from './types.js';

export function featureMetadataView(group: FeatureGroupDescription, definition: FeatureDefinition, metadata: FeatureMetadata | undefined) {
  return {
    FeatureGroupArn: group.FeatureGroupArn,
    FeatureGroupName: group.FeatureGroupName,
    FeatureName: definition.FeatureName,
    FeatureType: definition.FeatureType,
    CreationTime: metadata?.CreationTime ?? group.CreationTime,
    LastModifiedTime: metadata?.LastModifiedTime ?? group.CreationTime,
    ...(metadata?.Description ? { Description: metadata.Description } : {}),
    ...(metadata?.Parameters?.length ? { Parameters: metadata.Parameters } : {}),
  };
}
