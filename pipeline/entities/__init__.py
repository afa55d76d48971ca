"""The entity layer's algorithms as pure functions (scispaCy style): block segmentation,
corrections to the base model's entities, knowledge-base matching and linking.

The spaCy components in `pipeline.components.segmenter` and `pipeline.components.entities`
are thin shells around these functions, which the tests call directly.
"""
