"""Open the addon's screens as the web client does, for the screen check.

For a window action, as a given user: load its views (``get_views``), build the field
specification the client sends from the view archs as the user receives them (fields a
role may not read are already removed by their ``groups``), read the first records of the
list and of the form with it, and open a new record (``onchange``) where the user may
create. Every step runs as the user, so a field shown to a role that cannot read it fails
here as it would in the browser.
"""

from lxml import etree

from odoo.tools.safe_eval import safe_eval

SUBVIEW_TAGS = ("list", "form", "kanban")
FIRST_RECORDS = 3
UNSHOWN_TITLES = ("sheet", "list", "kanban", "form")


def field_specification(node, model_fields, models_fields):
    """The web client's specification for the field nodes under ``node``."""
    spec = {}
    for field_node in node.iter("field"):
        if _inside_subview(field_node, node):
            continue
        name = field_node.get("name")
        field = model_fields.get(name)
        if field is None:
            continue
        spec[name] = _field_spec(field_node, field, models_fields)
    return spec


def _inside_subview(field_node, root):
    parent = field_node.getparent()
    while parent is not None and parent is not root:
        if parent.tag in SUBVIEW_TAGS and parent.getparent() is not None:
            return True
        parent = parent.getparent()
    return False


def _field_spec(field_node, field, models_fields):
    if field["type"] == "many2one":
        return {"fields": {"display_name": {}}}
    if field["type"] in ("one2many", "many2many"):
        comodel_fields = models_fields.get(field["relation"], {})
        subviews = [child for child in field_node if child.tag in SUBVIEW_TAGS]
        sub_spec = {"display_name": {}} if field["type"] == "many2many" else {}
        for subview in subviews:
            sub_spec.update(field_specification(subview, comodel_fields, models_fields))
        return {"fields": sub_spec, "limit": 40}
    return {}


def eval_action_value(value, user, default):
    if not value:
        return default
    if not isinstance(value, str):
        return value
    return safe_eval(
        value,
        {
            "uid": user.id,
            "user": user,
            "active_id": False,
            "active_ids": [],
            "context": {},
            "allowed_company_ids": user.company_ids.ids,
            "current_company_id": user.company_id.id,
        },
    )


def open_action(env, action):
    """Open the screens of ``action`` (a window action record) in ``env``; return the
    strings the user reads on them (labels, help, texts)."""
    context = dict(eval_action_value(action.context, env.user, {}))
    domain = eval_action_value(action.domain, env.user, [])
    Model = env[action.res_model].with_context(**context)
    view_types = [mode.strip() for mode in (action.view_mode or "list,form").split(",")]
    views = [
        (view.view_id.id, view.view_mode)
        for view in action.view_ids
        if view.view_mode in view_types
    ]
    known = {view_type for _view_id, view_type in views}
    views += [(False, view_type) for view_type in view_types if view_type not in known]
    if "search" not in known:
        views.append((action.search_view_id.id, "search"))
    if "form" not in view_types:
        views.append((False, "form"))
    result = Model.get_views(views, {"toolbar": True, "load_filters": True})
    models_fields = {name: info["fields"] for name, info in result["models"].items()}
    model_fields = models_fields[action.res_model]
    texts = []
    archs = {}
    for view_type, view in result["views"].items():
        arch = etree.fromstring(view["arch"])
        archs[view_type] = arch
        texts += _texts(arch)
    if action.res_model == "res.config.settings":
        spec = field_specification(archs["form"], model_fields, models_fields)
        Model.onchange({}, [], spec)
        return texts
    list_arch = archs.get("list") or archs.get("kanban")
    records = Model.browse()
    if list_arch is not None:
        spec = field_specification(list_arch, model_fields, models_fields)
        found = Model.web_search_read(domain, spec, limit=FIRST_RECORDS)
        records = Model.browse([row["id"] for row in found["records"]])
    form_arch = archs["form"]
    spec = field_specification(form_arch, model_fields, models_fields)
    if records:
        records.web_read(spec)
    can_create = form_arch.get("create") not in ("0", "false", "False") and Model.has_access(
        "create"
    )
    if can_create and context.get("create", True):
        Model.onchange({}, [], spec)
    return texts


def _texts(arch):
    """The texts a user reads on a view (the web client shows the ``string`` neither of
    the root nor of a sheet or an inner view, which Odoo's generated views fill with the
    model's untranslated description)."""
    texts = []
    for node in arch.iter():
        if not isinstance(node.tag, str):
            continue
        for attribute in ("string", "help", "placeholder", "title", "sum"):
            if attribute == "string" and (node is arch or node.tag in UNSHOWN_TITLES):
                continue
            if node.get(attribute):
                texts.append(node.get(attribute))
        if node.text and node.text.strip():
            texts.append(node.text.strip())
        if node.tail and node.tail.strip():
            texts.append(node.tail.strip())
    return texts
