"""Request bodies of all three surfaces, validated by pydantic (wrong types and missing fields -> 422)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Path
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from simulator.spec import limits
from simulator.spec.vocabulary import CustomerKind

Email = Annotated[str, Field(min_length=3, max_length=limits.EMAIL_MAX, pattern=r"^\s*[^@\s]+@[^@\s]+\.[^@\s]+\s*$")]
MaklerId = Annotated[str, Field(min_length=1, max_length=limits.MAKLER_ID_MAX)]
Password = Annotated[str, Field(min_length=1, max_length=limits.PASSWORD_MAX)]
Token = Annotated[str, Field(min_length=1, max_length=512)]
Name = Annotated[str, Field(min_length=1, max_length=limits.NAME_MAX)]
Version = Annotated[str, Field(pattern=r"^\d{1,4}(\.\d{1,4}){0,3}$")]
# Row ids in paths and bodies: SQLite integers are 64-bit, larger numbers must be a 422, not a 500.
RowId = Annotated[int, Field(ge=1, le=2**63 - 1)]
PathId = Annotated[int, Path(ge=1, le=2**63 - 1)]


class Body(BaseModel):
    """A request body: JSON types are taken as they are (``false`` is no number, ``0`` no boolean)."""

    model_config = ConfigDict(strict=True)


class RegisterBody(Body):
    email: Email
    makler_id: MaklerId
    password: Password
    invitation_token: Token | None = None  # the ``token`` of the invitation link the registration was opened from


class LoginBody(Body):
    email: Email
    password: Password
    makler_id: MaklerId


class TokenBody(Body):
    token: Token


class RefreshBody(Body):
    refresh_token: Token


class ForgotBody(Body):
    email: Email
    makler_id: MaklerId


class ResetBody(Body):
    token: Token
    password: Password


class PlatformMinimums(Body):
    min_app_version: Version | None = None
    min_os_version: Version | None = None


class AppSettingsBody(Body):
    android: PlatformMinimums | None = None
    ios: PlatformMinimums | None = None


class MailSettingsBody(Body):
    sender_authenticated: bool


class CustomerBody(Body):
    name: Name
    kind: CustomerKind = "person"
    email: Email | None = None


class ContractBody(Body):
    number: Annotated[str, Field(min_length=1, max_length=64)]
    insurer: Name
    line: Name
    premium: Annotated[str, Field(min_length=1, max_length=64)]
    documents: Annotated[list[Name], Field(max_length=50)] = []


class ContactBody(Body):
    name: Name
    email: Email | None = None
    kundenportal: bool = False


class ContactPatch(Body):
    name: Name | None = None
    email: Email | Literal[""] | None = None
    kundenportal: bool | None = None


class InvitationBody(Body):
    email: Email | None = None


class BrokerBody(Body):
    seed: Annotated[int, Field(ge=0, lt=2**63)] | None = None
    sender_authenticated: bool = True
    name: Name | None = None
    makler_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9-]{2,32}$")] | None = None
    min_versions: AppSettingsBody | None = None


class ProviderBody(Body):
    name: Annotated[str, Field(min_length=1, max_length=64)]
    domains: Annotated[list[Annotated[str, Field(min_length=1, max_length=253)]], Field(min_length=1)]
    spam_folder: Annotated[str, Field(min_length=1, max_length=32)] = "Spam"
    strict: bool = True


def unique_provider_names(providers: list[ProviderBody]) -> list[ProviderBody]:
    """Provider names identify the rules: each may appear once."""
    names = [p.name for p in providers]
    if len(set(names)) != len(names):
        raise ValueError("provider names must be unique")
    return providers


ProviderList = Annotated[list[ProviderBody], AfterValidator(unique_provider_names)]


class AdvanceBody(Body):
    seconds: Annotated[float, Field(ge=0, le=10 * 365 * 24 * 3600)]
    makler_id: MaklerId | None = None


class StopClockBody(Body):
    makler_id: MaklerId


class FaultBody(Body):
    makler_id: MaklerId | None = None
    outage_requests: Annotated[int, Field(ge=0, le=limits.FAULT_OUTAGE_REQUESTS_MAX)] = 0
    outage_seconds: Annotated[float, Field(ge=0, le=limits.FAULT_OUTAGE_SECONDS_MAX)] = 0
    latency_ms: Annotated[int, Field(ge=0, le=limits.FAULT_LATENCY_MS_MAX)] = 0


class MechanismBody(Body):
    mode: Literal["normal", "off", "inverted"]


class InvalidateBody(Body):
    makler_id: MaklerId
    email: Email
