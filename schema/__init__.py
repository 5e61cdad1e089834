"""The GraphQL surface: Strawberry types, inputs, payloads, errors and roots."""
