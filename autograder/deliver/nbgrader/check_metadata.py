"""nbgrader's CheckCellMetadata with its JSON schema compiled once per run.

nbgrader validates every cell's nbgrader metadata with ``jsonschema.validate(meta, schema)``,
which checks the schema itself against the JSON Schema meta-schema before every single cell: for
a notebook of about 70 cells, twice per autograde (once among the sanitize preprocessors, once
among the autograde ones), that was a third of nbgrader's own time per notebook. This version
runs the same checks in the same order and raises the same errors (``jsonschema.validate``'s
best match of the cell's errors, then nbgrader's own rules of
:class:`~nbgrader.nbgraderformat.v3.MetadataValidatorV3`), with the schema checked and its
validator built once.
"""

from __future__ import annotations

import traceback

import jsonschema
from jsonschema import exceptions
from nbgrader.nbgraderformat.common import (
    BaseMetadataValidator,
    SchemaTooNewError,
    SchemaTooOldError,
    ValidationError,
)
from nbgrader.nbgraderformat.v3 import MetadataValidatorV3
from nbgrader.preprocessors import CheckCellMetadata as NbgraderCheckCellMetadata

#: schema version -> a validator of nbgrader's schema of that version, checked once
_VALIDATORS: dict[int, jsonschema.protocols.Validator] = {}


def _compiled(version: int, schema: dict):
    """A validator of ``schema`` (nbgrader's, of ``version``), whose schema has been checked once,
    as ``jsonschema.validate`` checks it on every call."""
    if version not in _VALIDATORS:
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        _VALIDATORS[version] = cls(schema)
    return _VALIDATORS[version]


class _CompiledSchemaBase(BaseMetadataValidator):
    """nbgrader's base ``validate_cell`` (schema version, then the JSON schema), compiled."""

    def __init__(self) -> None:
        super().__init__()
        self._validator = _compiled(self.schema_version, self.schema)

    def validate_cell(self, cell) -> None:
        if "nbgrader" not in cell.metadata:
            return
        meta = cell.metadata["nbgrader"]
        schema = meta.get("schema_version", 0)
        if schema < self.schema_version:
            raise SchemaTooOldError(
                f"Outdated schema version: {schema} (expected {self.schema_version})",
                schema, self.schema_version)
        if schema > self.schema_version:
            raise SchemaTooNewError(
                f"Schema version is too new: {schema} (expected {self.schema_version})",
                schema, self.schema_version)
        error = exceptions.best_match(self._validator.iter_errors(meta))
        if error is not None:
            raise error


class CompiledMetadataValidator(MetadataValidatorV3, _CompiledSchemaBase):
    """:class:`MetadataValidatorV3` whose ``super().validate_cell`` is the compiled one."""


class CheckCellMetadata(NbgraderCheckCellMetadata):
    """nbgrader's preprocessor, with :class:`CompiledMetadataValidator`."""

    def preprocess(self, nb, resources):
        try:
            CompiledMetadataValidator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg) from None
        return nb, resources
