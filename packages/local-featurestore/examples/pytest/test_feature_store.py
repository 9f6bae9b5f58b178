"""An example test suite against the local Feature Store, through boto3 (see conftest.py)."""

import botocore.exceptions
import pytest


@pytest.fixture(scope="module")
def customers(sagemaker):
    sagemaker.create_feature_group(
        FeatureGroupName="customers",
        RecordIdentifierFeatureName="customer_id",
        EventTimeFeatureName="event_time",
        FeatureDefinitions=[
            {"FeatureName": "customer_id", "FeatureType": "String"},
            {"FeatureName": "event_time", "FeatureType": "Fractional"},
            {"FeatureName": "age", "FeatureType": "Integral"},
        ],
        OnlineStoreConfig={"EnableOnlineStore": True},
    )
    return "customers"


def test_the_group_is_created(sagemaker, customers):
    description = sagemaker.describe_feature_group(FeatureGroupName=customers)
    assert description["FeatureGroupStatus"] == "Created"
    assert description["FeatureGroupArn"].endswith(":feature-group/customers")


def test_put_then_get_a_record(featurestore_runtime, customers):
    featurestore_runtime.put_record(
        FeatureGroupName=customers,
        Record=[
            {"FeatureName": "customer_id", "ValueAsString": "c-1"},
            {"FeatureName": "event_time", "ValueAsString": "1767225600.5"},
            {"FeatureName": "age", "ValueAsString": "42"},
        ],
    )
    answer = featurestore_runtime.get_record(FeatureGroupName=customers, RecordIdentifierValueAsString="c-1")
    assert {"FeatureName": "age", "ValueAsString": "42"} in answer["Record"]


def test_an_unknown_record_is_absent_not_an_error(featurestore_runtime, customers):
    answer = featurestore_runtime.get_record(FeatureGroupName=customers, RecordIdentifierValueAsString="nobody")
    assert "Record" not in answer


def test_a_bad_event_time_is_a_validation_error(featurestore_runtime, customers):
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        featurestore_runtime.put_record(
            FeatureGroupName=customers,
            Record=[
                {"FeatureName": "customer_id", "ValueAsString": "c-2"},
                {"FeatureName": "event_time", "ValueAsString": "yesterday"},
            ],
        )
    assert raised.value.response["Error"]["Code"] == "ValidationError"


def test_a_missing_group_is_resource_not_found(featurestore_runtime):
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        featurestore_runtime.get_record(FeatureGroupName="no-such-group", RecordIdentifierValueAsString="x")
    assert raised.value.response["Error"]["Code"] == "ResourceNotFound"
