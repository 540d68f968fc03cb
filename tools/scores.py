"""Point options of the supervision forms, kept as text such as "7,5,0"."""


def parse_allowed(text):
    """'7,5,0' -> [7.0, 5.0, 0.0]; blank parts are ignored."""
    return [float(part) for part in (text or "").replace("，", ",").split(",") if part.strip()]


def format_points(value):
    return f"{value:g}"
